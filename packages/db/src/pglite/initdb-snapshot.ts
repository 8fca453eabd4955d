/**
 * New embedded databases from snapshots the build makes, instead of initdb and migrations.
 *
 * For a folder without a database, PGlite starts a second PGlite instance in memory, runs
 * initdb in it (a third WASM module), dumps the result as a tarball and loads that into the
 * folder: ~3 s of CPU and a peak of ~850 MiB RSS, on every first start and for every
 * `memory://` database. Then the migrations create the schema: ~1.8 s of CPU more, most of it
 * PostgreSQL creating and opening relation files through PGlite's file system layer.
 *
 * The build (`npm run build` in packages/db) makes two tarballs with the same PGlite, by its
 * own `dumpDataDir`: initdb's output, and that database with every committed migration
 * applied (recorded in `_prisma_migrations` as at build time). A new database is loaded from
 * one with PGlite's `loadDataDir`: the migrated one when the caller migrates anyway (the
 * API, `db:*` commands) and the snapshot was made from exactly the migrations in the folder
 * now (their checksums are in its name); the initdb one otherwise (tools and tests that apply
 * migrations themselves). No snapshot for this PGlite version, or for these migrations,
 * leaves PGlite to run initdb, and the migrations run, as before.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyPendingMigrations } from "../migrations/apply.js";
import { readMigrationsFolder } from "../migrations/files.js";
import { paths } from "../paths.js";

export type SnapshotKind = "initdb" | "migrated";

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const manifest = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8"));
  return String(manifest.version);
}

/** The committed migrations, as one digest of their names and checksums. */
async function migrationsDigest(): Promise<string> {
  const { migrations } = await readMigrationsFolder(paths.migrations);
  const hash = createHash("sha256");
  for (const migration of migrations) hash.update(`${migration.name}\n${migration.checksum}\n`);
  return hash.digest("hex").slice(0, 16);
}

/** Where the build puts a snapshot for the installed PGlite (and the current migrations). */
export async function snapshotPath(kind: SnapshotKind): Promise<string> {
  const name =
    kind === "initdb"
      ? `pglite-${pgliteVersion()}-initdb.tar.gz`
      : `pglite-${pgliteVersion()}-migrated-${await migrationsDigest()}.tar.gz`;
  return join(paths.repoRoot, "packages", "db", "dist", "pglite-snapshots", name);
}

/** Whether PGlite would run initdb for this folder (its own test: no PG_VERSION file). */
function needsInitdb(dataDir: string): boolean {
  return dataDir === "memory://" || !existsSync(join(dataDir, "PG_VERSION"));
}

/**
 * The snapshot to load into `dataDir` (PGlite's `loadDataDir`) when the database is new: the
 * migrated one if `migrated` is wanted and made for these migrations, else the initdb one;
 * undefined for an existing database or when the build made none.
 */
export async function snapshotFor(
  dataDir: string,
  migrated: boolean,
): Promise<{ kind: SnapshotKind; tarball: Blob } | undefined> {
  if (!needsInitdb(dataDir)) return undefined;
  for (const kind of migrated ? (["migrated", "initdb"] as const) : (["initdb"] as const)) {
    const path = await snapshotPath(kind);
    if (existsSync(path)) return { kind, tarball: new Blob([readFileSync(path)]) };
  }
  return undefined;
}

/** Makes both snapshots (the build runs this); each written aside and renamed, never half-made. */
export async function makeSnapshots(): Promise<string[]> {
  const made: string[] = [];
  const initdbPath = await snapshotPath("initdb");
  if (!existsSync(initdbPath)) {
    await dumpDatabase(initdbPath, async () => new PGlite("memory://"));
    made.push(initdbPath);
  }
  const migratedPath = await snapshotPath("migrated");
  if (!existsSync(migratedPath)) {
    await dumpDatabase(migratedPath, async () => {
      const pglite = new PGlite("memory://", {
        loadDataDir: new Blob([readFileSync(initdbPath)]),
      });
      const adapter = await new PrismaPGlite(pglite).connect();
      try {
        await applyPendingMigrations(adapter);
      } finally {
        await adapter.dispose();
      }
      return pglite;
    });
    made.push(migratedPath);
  }
  return made;
}

async function dumpDatabase(path: string, open: () => Promise<PGlite>): Promise<void> {
  const pglite = await open();
  try {
    await pglite.waitReady;
    await pglite.exec("CHECKPOINT");
    const tarball = await pglite.dumpDataDir("gzip");
    mkdirSync(dirname(path), { recursive: true });
    const scratch = `${path}.${process.pid}.tmp`;
    writeFileSync(scratch, Buffer.from(await tarball.arrayBuffer()));
    renameSync(scratch, path);
  } finally {
    await pglite.close();
  }
}
