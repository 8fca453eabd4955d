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
import { initdbSnapshotFor } from "./initdb-snapshot.js";

export const PGLITE_SHARED_BUFFERS = "32MB";

export function pgliteOptions(dataDir: string): PGliteOptions {
  const loadDataDir = initdbSnapshotFor(dataDir);
  return {
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    ...(loadDataDir ? { loadDataDir } : {}),
  };
}
