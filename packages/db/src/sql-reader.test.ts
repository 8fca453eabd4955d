import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./client.js";
import { prismaSqlReader } from "./sql-reader.js";
import { preparedStatementName } from "./statement-names.js";
import { type OpenTestDatabase, testDatabases } from "./test-support/databases.js";

describe.each(testDatabases)("the SQL reader on $name", (kind) => {
  let testDb: OpenTestDatabase;
  let db: Database;
  const statements: string[] = [];

  beforeAll(async () => {
    testDb = await kind.open();
    db = await openDatabase(testDb.config, { onQuery: (sql) => statements.push(sql) });
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  // Text, a whole number, a boolean, null and a list of texts as parameters; text, integer and
  // boolean columns back, as the read path's statements use them.
  const SQL = `SELECT x AS "name", length(x)::int AS "length", $2::boolean AS "flag",
      $3::text IS NULL AS "noValue"
    FROM unnest($1::text[]) AS x WHERE length(x) <= $4::int ORDER BY x`;
  const ARGS = [["b", "a", "ccc"], true, null, 2] as const;

  it("returns rows keyed by column, the same as the same statement through the Prisma client", async () => {
    const before = statements.length;
    const rows = await db.reader.query(SQL, ARGS);
    expect(rows).toEqual([
      { name: "a", length: 1, flag: true, noValue: true },
      { name: "b", length: 1, flag: true, noValue: true },
    ]);
    // Counted like every other statement (the benchmark's statements per request).
    expect(statements.slice(before)).toEqual([SQL]);
    expect(await prismaSqlReader(db.prisma).query(SQL, ARGS)).toEqual(rows);
  });
});

describe.each(testDatabases.filter((kind) => kind.name === "postgres"))(
  "the SQL reader on $name: prepared statements",
  (kind) => {
    let testDb: OpenTestDatabase;
    let db: Database;

    beforeAll(async () => {
      testDb = await kind.open();
      db = await openDatabase(testDb.config);
    });
    afterAll(async () => {
      await db?.close();
      await testDb?.drop();
    });

    it("prepares each statement once on its connection and reuses it, with the same rows", async () => {
      const SQL = `SELECT $1::text || '!' AS "shout"`;
      const first = await db.reader.query(SQL, ["hi"]);
      const second = await db.reader.query(SQL, ["again"]);
      expect(first).toEqual([{ shout: "hi!" }]);
      expect(second).toEqual([{ shout: "again!" }]);
      // Sequential statements run on the pool's one connection, whose prepared statements
      // this session view lists: the statement is there once, under its name, run twice.
      const prepared = await db.reader.query<{ name: string; statement: string }>(
        `SELECT name, statement FROM pg_prepared_statements WHERE statement = $1`,
        [SQL],
      );
      expect(prepared).toEqual([{ name: preparedStatementName({ sql: SQL }), statement: SQL }]);
    });
  },
);
