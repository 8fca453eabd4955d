/**
 * The drift check (schema.prisma against prisma/migrations) and making migrations. The
 * comparison itself runs on the schema engine's in-memory PGlite shadow database; the SQL it
 * produces is then applied to both real databases.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { paths } from "../paths.js";
import { openTestAdapter, testDatabases, withTestDatabase } from "../test-support/databases.js";
import { applyPendingMigrations } from "./apply.js";
import { createMigration, diffMigrationsToSchema } from "./diff.js";
import { MigrationError } from "./errors.js";
import { LOCKFILE_CONTENT, readMigrationsFolder } from "./files.js";
import { openMigrationSession } from "./session.js";

const TIMEOUT = 60_000;
const tempDirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "privet-diff-"));
  tempDirs.push(dir);
  return dir;
}

/** A copy of the committed migrations, plus extra ones (folder name → SQL). */
async function migrationsWith(extra: Record<string, string> = {}): Promise<string> {
  const dir = await tempDir();
  await cp(paths.migrations, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

/** The committed schema, edited: an extra model and an extra optional field on Customer. */
async function changedSchema(): Promise<string> {
  const original = await readFile(paths.schema, "utf8");
  const changed = original.replace(
    /model Customer \{\n/,
    "model Customer {\n  driftProbeNickname String?\n",
  );
  expect(changed).not.toBe(original);
  const path = join(await tempDir(), "schema.prisma");
  await writeFile(
    path,
    `${changed}\nmodel DriftProbe {\n  id    Int    @id @default(autoincrement())\n  label String @unique\n}\n`,
  );
  return path;
}

afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("drift check", { timeout: TIMEOUT }, () => {
  it("[drift] the committed schema and migrations agree", async () => {
    const { inSync, sql } = await diffMigrationsToSchema();
    expect(
      inSync,
      "prisma/schema.prisma has changes that no migration in prisma/migrations makes. " +
        `Create one with: npm run db:migration -- <name>. Missing SQL:\n${sql}`,
    ).toBe(true);
    expect(sql).toBe("");
  });

  it("reports a schema that the migrations do not reach, with the SQL it needs", async () => {
    const { inSync, sql } = await diffMigrationsToSchema({ schemaPath: await changedSchema() });
    expect(inSync).toBe(false);
    expect(sql).toContain('ALTER TABLE "Customer" ADD COLUMN     "driftProbeNickname" TEXT;');
    expect(sql).toContain('CREATE TABLE "DriftProbe"');
    expect(sql).toContain('CREATE UNIQUE INDEX "DriftProbe_label_key"');
  });

  it("reports a migration that changes the database without the schema", async () => {
    const migrationsDir = await migrationsWith({
      "29990101000000_stray": 'ALTER TABLE "Customer" ADD COLUMN "stray" TEXT;',
    });
    const { inSync, sql } = await diffMigrationsToSchema({ migrationsDir });
    expect(inSync).toBe(false);
    expect(sql).toContain('DROP COLUMN "stray"');
  });

  it("ignores hand-written SQL for what Prisma does not model", async () => {
    // Functions, triggers, check constraints, comments, views, grants, partial indexes: the
    // committed migrations may carry them (the ledger's append-only triggers do).
    const migrationsDir = await migrationsWith({
      "29990101000000_unmodelled": `
CREATE FUNCTION privet_test_noop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Customer_test_noop" BEFORE INSERT ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION privet_test_noop();
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_country_upper" CHECK ("country" = upper("country"));
COMMENT ON TABLE "Customer" IS 'The data subject; see schema.prisma.';
CREATE VIEW "LiveCustomer" AS SELECT id, name FROM "Customer" WHERE "erasedAt" IS NULL;
REVOKE UPDATE, DELETE ON "ConsentEvent" FROM PUBLIC;
CREATE INDEX "Customer_live_email_idx" ON "Customer" (email) WHERE "erasedAt" IS NULL;
`,
    });
    expect(await diffMigrationsToSchema({ migrationsDir })).toEqual({ inSync: true, sql: "" });
  });

  it("does not ignore a hand-written plain index: it belongs in schema.prisma", async () => {
    const migrationsDir = await migrationsWith({
      "29990101000000_index": 'CREATE INDEX "Customer_name_idx" ON "Customer" (name);',
    });
    const { inSync, sql } = await diffMigrationsToSchema({ migrationsDir });
    expect(inSync).toBe(false);
    expect(sql).toContain('DROP INDEX "Customer_name_idx"');
  });

  it("says which migration does not replay on the shadow database, and why", async () => {
    const migrationsDir = await migrationsWith({
      "29990101000000_broken": 'CREATE TABLE "Broken" (id int;',
    });
    const check = diffMigrationsToSchema({ migrationsDir });
    await expect(check).rejects.toBeInstanceOf(MigrationError);
    await expect(check).rejects.toThrow(
      /Migration `29990101000000_broken` failed to apply cleanly to the shadow database[\s\S]*syntax error/,
    );
  });
});

describe("createMigration", { timeout: TIMEOUT }, () => {
  it("writes <timestamp>_<name>/migration.sql with the SQL the schema needs", async () => {
    const migrationsDir = await migrationsWith();
    const schemaPath = await changedSchema();
    const expected = await diffMigrationsToSchema({ schemaPath, migrationsDir });
    const before = await readMigrationsFolder(migrationsDir);

    const created = await createMigration("add_drift_probe", {
      schemaPath,
      migrationsDir,
      now: new Date("2999-12-31T23:59:58Z"),
    });
    expect(created.name).toBe("29991231235958_add_drift_probe");
    expect(created.path).toBe(join(migrationsDir, created.name, "migration.sql"));
    expect(created.sql).toBe(expected.sql);
    expect(await readFile(created.path, "utf8")).toBe(expected.sql);
    // The lock file was there already and stays as it was.
    expect(await readFile(join(migrationsDir, "migration_lock.toml"), "utf8")).toBe(
      before.lockfile,
    );
    // Now the schema and the migrations agree.
    expect(await diffMigrationsToSchema({ schemaPath, migrationsDir })).toEqual({
      inSync: true,
      sql: "",
    });
  });

  it("puts data-loss warnings at the top of the file, as Prisma does", async () => {
    const migrationsDir = await migrationsWith();
    const schemaPath = join(await tempDir(), "schema.prisma");
    const original = await readFile(paths.schema, "utf8");
    const withoutSubscribers = original.replace(
      /\nmodel NewsletterSubscriber \{[\s\S]*?\n\}\n/,
      "\n",
    );
    expect(withoutSubscribers).not.toBe(original);
    await writeFile(schemaPath, withoutSubscribers);

    const created = await createMigration("drop_subscribers", { schemaPath, migrationsDir });
    expect(created.warnings).toEqual([
      "You are about to drop the `NewsletterSubscriber` table. If the table is not empty, all the data it contains will be lost.",
    ]);
    expect(created.sql).toMatch(
      /^\/\*\n {2}Warnings:\n\n {2}- You are about to drop the `NewsletterSubscriber` table/,
    );
    expect(created.sql).toContain('DROP TABLE "NewsletterSubscriber";');
    expect(await readFile(created.path, "utf8")).toBe(created.sql);
    // A comment changes nothing for the drift check.
    expect((await diffMigrationsToSchema({ schemaPath, migrationsDir })).inSync).toBe(true);
  });

  it("writes Prisma's migration_lock.toml into a folder that has none", async () => {
    const migrationsDir = join(await tempDir(), "migrations");
    const created = await createMigration("init", {
      migrationsDir,
      now: new Date("2020-01-02T03:04:05Z"),
    });
    expect(created.name).toBe("20200102030405_init");
    expect(await readdir(migrationsDir)).toEqual(["20200102030405_init", "migration_lock.toml"]);
    expect(await readFile(join(migrationsDir, "migration_lock.toml"), "utf8")).toBe(
      LOCKFILE_CONTENT,
    );
    expect(LOCKFILE_CONTENT).toBe(
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
    // From nothing, the whole schema — the tables the committed migrations leave in place
    // (once each: the history partitions migration makes three tables again, partitioned).
    const committed = (await readMigrationsFolder(paths.migrations)).migrations;
    const named = (sql: string, pattern: RegExp) => [...sql.matchAll(pattern)].map((m) => m[1]);
    const dropped = new Set(committed.flatMap((m) => named(m.sql, /DROP TABLE "(\w+)"/g)));
    const remaining = new Set(
      committed
        .flatMap((m) => named(m.sql, /CREATE TABLE "(\w+)"/g))
        .filter((table) => !dropped.has(table)),
    );
    expect(named(created.sql, /CREATE TABLE "(\w+)"/g).sort()).toEqual([...remaining].sort());
  });

  it("refuses to write an empty migration", async () => {
    const migrationsDir = await migrationsWith();
    const attempt = createMigration("nothing_changed", { migrationsDir });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(/No changes: .*already matches the migrations/);
    expect((await readMigrationsFolder(migrationsDir)).migrations.map((m) => m.name)).toEqual(
      (await readMigrationsFolder(paths.migrations)).migrations.map((m) => m.name),
    );
  });

  it.each([
    [
      "with spaces and capitals",
      "Add Phone",
      /Invalid migration name "Add Phone".*e\.g\. "add_phone"/,
    ],
    ["with a dash", "add-phone", /Invalid migration name "add-phone".*e\.g\. "add_phone"/],
    ["that is empty", "", /Invalid migration name ""/],
    ["that is a path", "../escape", /Invalid migration name/],
    ["over 200 characters", "x".repeat(201), /at most 200 characters/],
  ])("refuses a name %s", async (_case, name, message) => {
    const migrationsDir = await migrationsWith();
    await expect(createMigration(name, { migrationsDir })).rejects.toThrow(message);
    expect((await readdir(migrationsDir)).length).toBe((await readdir(paths.migrations)).length);
  });

  it("never names a migration so that it sorts before an existing one", async () => {
    const migrationsDir = await migrationsWith({ "29991231235959_latest": "SELECT 1;" });
    const created = await createMigration("late", {
      schemaPath: await changedSchema(),
      migrationsDir,
      now: new Date("2020-01-01T00:00:00Z"),
    });
    expect(created.name).toBe("30000101000000_late");
  });
});

describe.each(testDatabases)("a new migration on $name", { timeout: TIMEOUT }, (kind) => {
  it("applies after the committed ones", async () => {
    const migrationsDir = await migrationsWith();
    const created = await createMigration("add_drift_probe", {
      schemaPath: await changedSchema(),
      migrationsDir,
    });
    await withTestDatabase(kind, async (db) => {
      const { adapter, close } = await openTestAdapter(db.config);
      try {
        const { applied } = await applyPendingMigrations(adapter, { migrationsDir });
        expect(applied.at(-1)).toBe(created.name);
        const session = await openMigrationSession(adapter);
        try {
          await session.query(`INSERT INTO "DriftProbe" (label) VALUES ('one')`);
          await session.query(`UPDATE "Customer" SET "driftProbeNickname" = 'x' WHERE false`);
          await expect(
            session.query(`INSERT INTO "DriftProbe" (label) VALUES ('one')`),
          ).rejects.toThrow(/duplicate key/);
        } finally {
          await session.close();
        }
      } finally {
        await close();
      }
    });
  });
});
