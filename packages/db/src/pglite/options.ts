/**
 * How Privet opens an embedded PGlite database.
 *
 * shared_buffers: PostgreSQL's default, 128 MB, is allocated inside PGlite's WebAssembly
 * memory, which only grows, and most of it becomes resident (measured: RSS 292 MiB right after
 * opening the demo database with 128 MB, 196 MiB with 32 MB). The embedded database is for
 * one machine and modest data (the demo database is ~10 MB); its files are read through the
 * operating system's page cache anyway, so a page that falls out of 32 MB costs a read from
 * memory, not from disk. PostgreSQL proper (DATABASE_URL) is configured by its operator.
 */
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { type SnapshotKind, snapshotFor } from "./initdb-snapshot.js";

export const PGLITE_SHARED_BUFFERS = "32MB";

/**
 * The options for opening `dataDir`, and which snapshot a new database is loaded from (see
 * initdb-snapshot.ts; `migrated`: the caller applies the migrations next anyway).
 */
export async function pgliteOptions(
  dataDir: string,
  migrated: boolean,
): Promise<{ options: PGliteOptions; snapshot: SnapshotKind | undefined }> {
  const snapshot = await snapshotFor(dataDir, migrated);
  return {
    options: {
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      ...(snapshot ? { loadDataDir: snapshot.tarball } : {}),
    },
    snapshot: snapshot?.kind,
  };
}
