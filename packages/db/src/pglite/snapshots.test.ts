/**
 * New embedded databases come from the build's snapshots (initdb-snapshot.ts): the migrated
 * one for openDatabase, initdb's output alone for tools that apply migrations themselves, and
 * PostgreSQL's shared buffers kept small (options.ts). PGlite only: PostgreSQL is created by
 * its operator.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { openAdapterFactory, openDatabase } from "../client.js";
import { readMigrationsFolder } from "../migrations/files.js";
import { paths } from "../paths.js";
import { makeSnapshots, snapshotPath } from "./initdb-snapshot.js";

let folder: string;

beforeAll(async () => {
  // The build makes them; a test run from a clean tree makes them here (each once).
  await makeSnapshots();
}, 120_000);

beforeEach(async () => {
  folder = join(await mkdtemp(join(tmpdir(), "privet-snapshot-")), "pglite");
});

afterEach(() => rm(join(folder, ".."), { recursive: true, force: true }));

it("names each snapshot by the PGlite version, the migrated one by the migrations too", async () => {
  const initdb = await snapshotPath("initdb");
  const migrated = await snapshotPath("migrated");
  expect(existsSync(initdb) && existsSync(migrated)).toBe(true);
  expect(initdb).toMatch(/pglite-\d+\.\d+\.\d+-initdb\.tar\.gz$/);
  expect(migrated).toMatch(/pglite-\d+\.\d+\.\d+-migrated-[0-9a-f]{16}\.tar\.gz$/);
});

it("opens a new folder from the migrated snapshot: every committed migration recorded, none run", async () => {
  const lines: string[] = [];
  const database = await openDatabase(
    { kind: "pglite", dataDir: folder },
    { log: (line) => lines.push(line) },
  );
  try {
    expect(lines).toEqual([
      "New database loaded from the build's snapshot (migrations applied at build)",
    ]);
    const { migrations } = await readMigrationsFolder(paths.migrations);
    const recorded = await database.prisma.$queryRawUnsafe<{ name: string; checksum: string }[]>(
      `SELECT migration_name AS name, checksum FROM _prisma_migrations
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    expect(recorded).toEqual(migrations.map(({ name, checksum }) => ({ name, checksum })));
    // The schema is there and writable, triggers included.
    expect(await database.prisma.customer.count()).toBe(0);
    const [buffers] =
      await database.prisma.$queryRawUnsafe<{ shared_buffers: string }[]>("SHOW shared_buffers");
    expect(buffers?.shared_buffers).toBe("32MB");
  } finally {
    await database.close();
  }
  expect(existsSync(join(folder, "PG_VERSION"))).toBe(true);

  // Opened again, the folder is an existing database: no snapshot, nothing to apply.
  const again: string[] = [];
  const reopened = await openDatabase(
    { kind: "pglite", dataDir: folder },
    { log: (line) => again.push(line) },
  );
  expect(again).toEqual([]);
  expect(await reopened.prisma.customer.count()).toBe(0);
  await reopened.close();
});

it("gives tools that migrate themselves initdb's output alone", async () => {
  const { factory, dispose } = await openAdapterFactory({ kind: "pglite", dataDir: folder });
  try {
    const adapter = await factory.connect();
    const result = await adapter.queryRaw({
      sql: "SELECT to_regclass('_prisma_migrations') IS NULL AS empty",
      args: [],
      argTypes: [],
    });
    expect(result.rows).toEqual([[true]]);
    await adapter.dispose();
  } finally {
    await dispose();
  }
});
