/**
 * Real databases for tests: every database test runs against both PGlite (a fresh folder)
 * and PostgreSQL (a fresh database on the local server), because the product runs on both.
 *
 *   describe.each(testDatabases)("… on $name", (kind) => {
 *     let db: OpenTestDatabase;
 *     beforeEach(async () => { db = await kind.open(); });
 *     afterEach(() => db.drop());
 *     it("…", async () => { … db.config … });
 *   });
 *
 * PostgreSQL: PRIVET_TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres)
 * is an admin connection used only to CREATE and DROP a database `privet_test_<random>` per
 * open(). If the server is down, open() fails with a message saying so: tests are not
 * skipped. PRIVET_TEST_DATABASES=pglite (or postgres) chooses explicitly; default both.
 */
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { mkdtemp, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { openAdapterFactory } from "../client.js";
import type { DatabaseConfig } from "../config.js";

export type TestDatabaseName = "pglite" | "postgres";

export interface OpenTestDatabase {
  readonly name: TestDatabaseName;
  /** What openDatabase() / openAdapterFactory() take. */
  readonly config: DatabaseConfig;
  /** Deletes the database (close your clients first; PostgreSQL ones are cut off anyway). */
  drop(): Promise<void>;
}

export interface TestDatabaseKind {
  readonly name: TestDatabaseName;
  open(): Promise<OpenTestDatabase>;
}

export const DEFAULT_TEST_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

const pglite: TestDatabaseKind = {
  name: "pglite",
  async open() {
    const dataDir = await mkdtemp(join(tmpdir(), "privet-test-pglite-"));
    // Synchronous copy: several times faster than fs.promises.cp for ~1,000 small files.
    cpSync(await templateFolder(), dataDir, { recursive: true });
    return {
      name: "pglite",
      config: { kind: "pglite", dataDir },
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};

/**
 * A fresh PGlite folder costs an initdb (1–3 s); copying a closed, freshly initialised one
 * costs ~0.2 s. That template is kept in the temp folder, one per PGlite version, and made
 * once (in a scratch folder renamed into place, so a crash or a parallel worker never leaves
 * a half-made one).
 */
let template: Promise<string> | undefined;
function templateFolder(): Promise<string> {
  template ??= (async () => {
    const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
    const { version } = JSON.parse(
      readFileSync(join(dirname(entry), "..", "package.json"), "utf8"),
    ) as { version: string };
    const dir = join(tmpdir(), `privet-test-pglite-template-${version}`);
    if (existsSync(join(dir, "PG_VERSION"))) return dir;
    const scratch = await mkdtemp(join(tmpdir(), "privet-test-pglite-scratch-"));
    const db = new PGlite(scratch);
    await db.waitReady;
    await db.close();
    try {
      await rename(scratch, dir);
    } catch {
      // Another worker got there first: use its template.
      await rm(scratch, { recursive: true, force: true });
    }
    return dir;
  })();
  template.catch(() => {
    template = undefined;
  });
  return template;
}

const postgres: TestDatabaseKind = {
  name: "postgres",
  async open() {
    const adminUrl = process.env.PRIVET_TEST_POSTGRES_URL?.trim() || DEFAULT_TEST_POSTGRES_URL;
    const database = `privet_test_${randomBytes(6).toString("hex")}`;
    await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${database}"`));
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return {
      name: "postgres",
      config: { kind: "postgres", url: url.toString() },
      // FORCE ends connections a failed test left open (PostgreSQL 13+).
      async drop() {
        await withAdmin(adminUrl, (admin) =>
          admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
        );
      },
    };
  },
};

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(adminUrl);
    throw new Error(
      `The PostgreSQL server for tests is not reachable at ${where.hostname}:${where.port || 5432} ` +
        `(${(error as Error).message}). Start it, point PRIVET_TEST_POSTGRES_URL at one ` +
        `(default ${DEFAULT_TEST_POSTGRES_URL}), or choose PGlite only with ` +
        "PRIVET_TEST_DATABASES=pglite.",
      { cause: error },
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function selectedDatabases(): TestDatabaseKind[] {
  const all = { pglite, postgres };
  const wanted = (process.env.PRIVET_TEST_DATABASES?.trim() || "pglite,postgres")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return wanted.map((name) => {
    if (name !== "pglite" && name !== "postgres") {
      throw new Error(`PRIVET_TEST_DATABASES: unknown database "${name}" (pglite, postgres)`);
    }
    return all[name];
  });
}

/** The databases every database test runs against, for `describe.each(testDatabases)`. */
export const testDatabases: readonly TestDatabaseKind[] = selectedDatabases();

/** Opens a test database for `fn` and drops it afterwards, whatever happens. */
export async function withTestDatabase<T>(
  kind: TestDatabaseKind,
  fn: (db: OpenTestDatabase) => Promise<T>,
): Promise<T> {
  const db = await kind.open();
  try {
    return await fn(db);
  } finally {
    await db.drop();
  }
}

/**
 * A driver adapter on a test database, through the same factory the application uses.
 * `close()` disposes the adapter and the factory.
 */
export async function openTestAdapter(config: DatabaseConfig): Promise<{
  factory: SqlMigrationAwareDriverAdapterFactory;
  adapter: SqlDriverAdapter;
  close(): Promise<void>;
}> {
  const { factory, dispose } = await openAdapterFactory(config);
  try {
    const adapter = await factory.connect();
    return {
      factory,
      adapter,
      async close() {
        await adapter.dispose();
        await dispose();
      },
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
