/**
 * The migration runner and status, on real databases: PGlite and PostgreSQL (see
 * test-support/databases.ts). Also checks that Prisma's own schema engine — what
 * `prisma migrate deploy` runs — accepts what the runner records, and the other way round.
 */
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { paths } from "../paths.js";
import {
  type OpenTestDatabase,
  openTestAdapter,
  testDatabases,
} from "../test-support/databases.js";
import { applyPendingMigrations } from "./apply.js";
import { engineMigrationList } from "./diff.js";
import { withSchemaEngine } from "./engine.js";
import { MigrationError } from "./errors.js";
import { readMigrationsFolder } from "./files.js";
import { openMigrationSession, type Row, sendingScriptsWhole } from "./session.js";
import { migrationStatus } from "./status.js";

const committed = await readMigrationsFolder(paths.migrations);
const committedNames = committed.migrations.map((migration) => migration.name);
const [init] = committed.migrations;

/**
 * What a hand-written migration looks like: PL/pgSQL with ";" inside `$$ … $$` and in a
 * string. (Test-only names: the committed migrations already guard the ledger tables.)
 */
const GUARD_SQL = `-- Hand-written: Prisma does not model functions or triggers; nor does it parse this.
CREATE FUNCTION privet_test_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is guarded; % refused', TG_TABLE_NAME, TG_OP;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Campaign_test_guard" BEFORE UPDATE OR DELETE ON "Campaign"
  FOR EACH ROW EXECUTE FUNCTION privet_test_refuse_change();
`;

const BROKEN = "29990101000000_broken";
const AFTER = "29990102000000_after";
const BROKEN_SQL = `CREATE TABLE "Half" (id int);\nSELECT * FROM "DoesNotExist";\n`;
const AFTER_SQL = `CREATE TABLE "After" (id int);\n`;

const tempDirs: string[] = [];

/** A copy of the committed migrations plus extra ones (folder name → SQL). */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "privet-migrations-"));
  tempDirs.push(dir);
  await cp(paths.migrations, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(join(dir, name), { recursive: true });
    await writeFile(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

it("has committed migrations to test with", () => {
  expect(committedNames.length).toBeGreaterThan(0);
  expect(init?.name).toMatch(/^\d{14}_init$/);
});

describe.each(testDatabases)("migrations on $name", { timeout: 60_000 }, (kind) => {
  let db: OpenTestDatabase;
  let factory: SqlMigrationAwareDriverAdapterFactory;
  let adapter: SqlDriverAdapter;
  let closeAdapter: () => Promise<void>;
  const extraAdapters: SqlDriverAdapter[] = [];

  /** One query through a fresh migration session (rows as objects). */
  async function query(sql: string, params?: unknown[]): Promise<Row[]> {
    const session = await openMigrationSession(adapter);
    try {
      return await session.query(sql, params);
    } finally {
      await session.close();
    }
  }
  const history = () =>
    query(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished,
              rolled_back_at IS NOT NULL AS rolled_back, logs, applied_steps_count
         FROM _prisma_migrations ORDER BY started_at, migration_name`,
    );
  const tableExists = async (name: string) =>
    (await query("SELECT to_regclass($1) IS NOT NULL AS present", [`"${name}"`]))[0]?.present;

  beforeEach(async () => {
    db = await kind.open();
    ({ factory, adapter, close: closeAdapter } = await openTestAdapter(db.config));
  });

  afterEach(async () => {
    await Promise.all(extraAdapters.splice(0).map((extra) => extra.dispose()));
    await closeAdapter?.();
    await db?.drop();
    await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("applies every migration to an empty database and records it as Prisma does", async () => {
    const lines: string[] = [];
    const { applied } = await applyPendingMigrations(adapter, { log: (line) => lines.push(line) });
    expect(applied).toEqual(committedNames);
    expect(lines).toEqual(committedNames.map((name) => `Applied migration ${name}`));

    // Every table the migrations create exists, unless a later one dropped it.
    const named = (pattern: RegExp) =>
      committed.migrations.flatMap((migration) =>
        [...migration.sql.matchAll(pattern)].map((match) => match[1] ?? ""),
      );
    const dropped = new Set(named(/DROP TABLE "(\w+)"/g));
    const created = named(/CREATE TABLE "(\w+)"/g);
    expect(created).toContain("ConsentEvent");
    for (const table of created) expect(await tableExists(table), table).toBe(!dropped.has(table));

    // One finished row per migration, with Prisma's checksum (sha256 of migration.sql).
    const rows = await history();
    expect(rows).toEqual(
      await Promise.all(
        committed.migrations.map(async (migration) => ({
          migration_name: migration.name,
          checksum: sha256(await readFile(migration.path, "utf8")),
          finished: true,
          rolled_back: false,
          logs: null,
          applied_steps_count: 1,
        })),
      ),
    );

    // The table is Prisma's, column for column.
    const columns = await query(
      `SELECT column_name, data_type, character_maximum_length::int AS length, is_nullable,
              column_default
         FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' AND table_schema = current_schema()
        ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      {
        column_name: "id",
        data_type: "character varying",
        length: 36,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "checksum",
        data_type: "character varying",
        length: 64,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "finished_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "migration_name",
        data_type: "character varying",
        length: 255,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "logs",
        data_type: "text",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "rolled_back_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "started_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "NO",
        column_default: "now()",
      },
      {
        column_name: "applied_steps_count",
        data_type: "integer",
        length: null,
        is_nullable: "NO",
        column_default: "0",
      },
    ]);
  });

  it("applies nothing on a second run", async () => {
    await applyPendingMigrations(adapter);
    const before = await history();
    expect(await applyPendingMigrations(adapter)).toEqual({ applied: [] });
    expect(await history()).toEqual(before);
  });

  it("is accepted by Prisma's schema engine (what `prisma migrate deploy` runs)", async () => {
    await applyPendingMigrations(adapter);
    const schema = { path: paths.schema, content: await readFile(paths.schema, "utf8") };
    const migrationsList = engineMigrationList(committed);
    const filters = { externalTables: [], externalEnums: [] };
    const { diagnosis, deploy } = await withSchemaEngine(
      schema,
      async (engine) => ({
        diagnosis: await engine.diagnoseMigrationHistory({
          migrationsList,
          optInToShadowDatabase: false,
          filters,
        }),
        deploy: await engine.applyMigrations({ migrationsList, filters }),
      }),
      { factory },
    );
    expect(diagnosis).toMatchObject({
      hasMigrationsTable: true,
      failedMigrationNames: [],
      editedMigrationNames: [],
      history: null,
    });
    expect(deploy.appliedMigrationNames).toEqual([]);
  });

  it("accepts a database that Prisma's schema engine migrated", async () => {
    const schema = { path: paths.schema, content: await readFile(paths.schema, "utf8") };
    const deploy = await withSchemaEngine(
      schema,
      (engine) =>
        engine.applyMigrations({
          migrationsList: engineMigrationList(committed),
          filters: { externalTables: [], externalEnums: [] },
        }),
      { factory },
    );
    expect(deploy.appliedMigrationNames).toEqual(committedNames);
    const status = await migrationStatus(adapter);
    expect(status).toMatchObject({ upToDate: true, pending: [], checksumChanged: [], failed: [] });
    expect(await applyPendingMigrations(adapter)).toEqual({ applied: [] });
  });

  it("runs hand-written SQL whole: a PL/pgSQL function and its trigger", async () => {
    const migrationsDir = await migrationsWith({ "29990101000000_guard": GUARD_SQL });
    const { applied } = await applyPendingMigrations(adapter, { migrationsDir });
    expect(applied.at(-1)).toBe("29990101000000_guard");

    const [campaign] = await query(
      `INSERT INTO "Campaign" (id, name, subject, body) VALUES (gen_random_uuid(), 'c', 's', 'b')
       RETURNING id`,
    );
    await expect(
      query(`UPDATE "Campaign" SET name = 'changed' WHERE id = $1`, [campaign?.id]),
    ).rejects.toThrow(/table Campaign is guarded; UPDATE refused/);
  });

  it("records a failing migration as failed, stops, and refuses to go on until resolved", async () => {
    const migrationsDir = await migrationsWith({ [BROKEN]: BROKEN_SQL, [AFTER]: AFTER_SQL });

    const failure = applyPendingMigrations(adapter, { migrationsDir });
    await expect(failure).rejects.toBeInstanceOf(MigrationError);
    await expect(failure).rejects.toThrow(
      new RegExp(`Migration ${BROKEN} failed: relation "DoesNotExist" does not exist`),
    );

    // The migrations before it were applied; its row says failed; nothing after it ran.
    const rows = await history();
    expect(rows.map((row) => row.migration_name)).toEqual([...committedNames, BROKEN]);
    expect(rows.at(-1)).toMatchObject({
      finished: false,
      rolled_back: false,
      applied_steps_count: 0,
    });
    expect(String(rows.at(-1)?.logs)).toMatch(/Migration name: 29990101000000_broken/);
    expect(String(rows.at(-1)?.logs)).toMatch(/Database error code: 42P01/);
    expect(String(rows.at(-1)?.logs)).toMatch(/relation "DoesNotExist" does not exist/);
    // The script ran as one transaction: its first statement left nothing behind.
    expect(await tableExists("Half")).toBe(false);
    expect(await tableExists("After")).toBe(false);

    expect(await migrationStatus(adapter, { migrationsDir })).toMatchObject({
      failed: [{ name: BROKEN }],
      pending: [AFTER],
      upToDate: false,
    });

    // The next run refuses, and says how to get out of it.
    const refusal = applyPendingMigrations(adapter, { migrationsDir });
    await expect(refusal).rejects.toThrow(/a failed migration: 29990101000000_broken/);
    await expect(refusal).rejects.toThrow(/migrate resolve --rolled-back 29990101000000_broken/);
    expect((await history()).length).toBe(committedNames.length + 1);

    // Resolved as Prisma's `migrate resolve --rolled-back` does, with the script fixed: it is
    // applied again (a new row), and so is the one after it.
    await query(
      `UPDATE _prisma_migrations SET rolled_back_at = now()
        WHERE migration_name = $1 AND finished_at IS NULL`,
      [BROKEN],
    );
    await writeFile(
      join(migrationsDir, BROKEN, "migration.sql"),
      `CREATE TABLE "Half" (id int);\n`,
    );
    expect(await applyPendingMigrations(adapter, { migrationsDir })).toEqual({
      applied: [BROKEN, AFTER],
    });
    expect(await tableExists("Half")).toBe(true);
    expect(await migrationStatus(adapter, { migrationsDir })).toMatchObject({ upToDate: true });
  });

  it("applies each migration once when two runners start together", async () => {
    const second = await factory.connect();
    extraAdapters.push(second);
    const [a, b] = await Promise.all([
      applyPendingMigrations(adapter, { lockTimeoutMs: 30_000 }),
      applyPendingMigrations(second, { lockTimeoutMs: 30_000 }),
    ]);
    expect([...a.applied, ...b.applied].sort()).toEqual([...committedNames].sort());
    expect((await history()).map((row) => row.migration_name)).toEqual(committedNames);
  });

  it("works through the public API of an adapter it does not know, and says so", async () => {
    // Only its executeScript is borrowed from a known adapter: the real ones split scripts on
    // ";" (adapter-pg) or do not await them (PGlite), which the committed migrations outgrow.
    const whole = sendingScriptsWhole(adapter);
    const unknown: SqlDriverAdapter = {
      provider: "postgres",
      adapterName: "some-other-adapter",
      queryRaw: (query) => adapter.queryRaw(query),
      executeRaw: (query) => adapter.executeRaw(query),
      executeScript: (script) => whole.executeScript(script),
      startTransaction: (isolation) => adapter.startTransaction(isolation),
      dispose: async () => {},
    };
    const lines: string[] = [];
    const { applied } = await applyPendingMigrations(unknown, { log: (line) => lines.push(line) });
    expect(applied).toEqual(committedNames);
    expect(lines[0]).toMatch(/does not know the driver adapter "some-other-adapter"/);
    expect(await applyPendingMigrations(unknown)).toEqual({ applied: [] });
    const status = await migrationStatus(unknown);
    expect(status).toMatchObject({ upToDate: true, checksumChanged: [], failed: [] });
    expect(status.applied[0]?.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("reports status: pending on a new database, then up to date", async () => {
    const fresh = await migrationStatus(adapter);
    expect(fresh).toEqual({
      hasMigrationsTable: false,
      applied: [],
      pending: committedNames,
      checksumChanged: [],
      failed: [],
      missingFromFolder: [],
      upToDate: false,
    });
    // Looking changed nothing.
    expect(await tableExists("_prisma_migrations")).toBe(false);

    await applyPendingMigrations(adapter);
    const after = await migrationStatus(adapter);
    expect(after).toMatchObject({ hasMigrationsTable: true, pending: [], upToDate: true });
    expect(after.applied.map((row) => row.name)).toEqual(committedNames);
    expect(after.applied[0]?.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("reports a migration edited after it was applied, and one missing from the folder", async () => {
    if (!init) throw new Error("no committed migration");
    const extra = "29990101000000_extra";
    await applyPendingMigrations(adapter, {
      migrationsDir: await migrationsWith({ [extra]: AFTER_SQL }),
    });

    // The same folder, with the first migration edited and the extra one gone.
    const edited = await migrationsWith({});
    await writeFile(join(edited, init.name, "migration.sql"), `${init.sql}\n-- edited\n`);
    const status = await migrationStatus(adapter, { migrationsDir: edited });
    expect(status.checksumChanged).toEqual([init.name]);
    expect(status.missingFromFolder).toEqual([extra]);
    expect(status.upToDate).toBe(true);

    // The runner warns and applies nothing.
    const lines: string[] = [];
    const result = await applyPendingMigrations(adapter, {
      migrationsDir: edited,
      log: (line) => lines.push(line),
    });
    expect(result.applied).toEqual([]);
    expect(lines.join("\n")).toMatch(
      new RegExp(`migration ${init.name} was edited after it was applied`),
    );
    expect(lines.join("\n")).toMatch(new RegExp(`${extra} is applied to the database but missing`));

    // A checkout with CRLF line ends is not an edit (Prisma accepts it too).
    const crlf = await migrationsWith({});
    await writeFile(join(crlf, init.name, "migration.sql"), init.sql.replaceAll("\n", "\r\n"));
    expect((await migrationStatus(adapter, { migrationsDir: crlf })).checksumChanged).toEqual([]);
  });
});
