/**
 * A new embedded database from a snapshot of initdb's output instead of running initdb.
 *
 * For a folder without a database, PGlite starts a second PGlite instance in memory, runs
 * initdb in it (a third WASM module), dumps the result as a tarball and loads that into the
 * folder: ~3 s of CPU and a peak of ~850 MiB RSS, on every first start and for every
 * `memory://` database. The build (`npm run build` in packages/db) makes that tarball once,
 * with the same PGlite, and a new database is loaded from it with PGlite's own `loadDataDir`:
 * the same files initdb would have produced, for ~1 s and ~300 MiB less at the peak.
 *
 * The snapshot's name carries the PGlite version; another version's snapshot, or none (a tree
 * that was not built), leaves PGlite to run initdb as before.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { paths } from "../paths.js";

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const manifest = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8"));
  return String(manifest.version);
}

/** Where the build puts the snapshot for the installed PGlite version. */
export function initdbSnapshotPath(): string {
  return join(paths.repoRoot, "packages", "db", "dist", `pglite-initdb-${pgliteVersion()}.tar.gz`);
}

/** Whether PGlite would run initdb for this folder (its own test: no PG_VERSION file). */
function needsInitdb(dataDir: string): boolean {
  return dataDir === "memory://" || !existsSync(join(dataDir, "PG_VERSION"));
}

/**
 * The snapshot to load into `dataDir` (PGlite's `loadDataDir`) when the database is new and
 * the snapshot exists; undefined otherwise (an existing database, or PGlite runs initdb).
 */
export function initdbSnapshotFor(dataDir: string): Blob | undefined {
  if (!needsInitdb(dataDir)) return undefined;
  const snapshot = initdbSnapshotPath();
  return existsSync(snapshot) ? new Blob([readFileSync(snapshot)]) : undefined;
}

/** Makes the snapshot (the build runs this); written aside and renamed, never half-made. */
export async function makeInitdbSnapshot(path = initdbSnapshotPath()): Promise<string> {
  if (existsSync(path)) return path;
  const pglite = new PGlite("memory://");
  try {
    await pglite.waitReady;
    const tarball = await pglite.dumpDataDir("gzip");
    mkdirSync(dirname(path), { recursive: true });
    const scratch = `${path}.${process.pid}.tmp`;
    writeFileSync(scratch, Buffer.from(await tarball.arrayBuffer()));
    renameSync(scratch, path);
  } finally {
    await pglite.close();
  }
  return path;
}
