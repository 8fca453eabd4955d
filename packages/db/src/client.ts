/**
 * The Prisma client factory: one generated client over two driver adapters. PGlite (WASM
 * PostgreSQL, in process, persisted in a folder) is the embedded default; PostgreSQL is used
 * when DATABASE_URL is set. Pending migrations are applied before the client is handed out.
 * A PGlite folder is locked to one process before PGlite opens it (lock/data-dir-lock.ts).
 */
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapterFactory,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { type AuditWriter, createAuditWriter } from "./audit/audit-writer.js";
import { type DatabaseConfig, databaseConfigFromEnv } from "./config.js";
import { PrismaClient } from "./generated/prisma/client.js";
import { lockDataDir } from "./lock/data-dir-lock.js";
import { applyPendingMigrations } from "./migrations/apply.js";
import { poolConfigFor } from "./pg/multi-host.js";
import { pgliteOptions } from "./pglite/options.js";
import { ensureHistoryPartitions } from "./retention/partitions.js";
import { createSqlReader, type SqlReader } from "./sql-reader.js";
import { preparedStatementName } from "./statement-names.js";

export type { DatabaseConfig } from "./config.js";
export { databaseConfigFromEnv, describeDatabase, isNewEmbeddedDatabase } from "./config.js";
export { Prisma, PrismaClient } from "./generated/prisma/client.js";
export * as enums from "./generated/prisma/enums.js";
export {
  DATA_DIR_IN_USE,
  DataDirInUseError,
  isDataDirInUseError,
  type LockHolder,
} from "./lock/data-dir-lock.js";
export { NoPrimaryError, parseMultiHostUrl } from "./pg/multi-host.js";
export { isDatabaseUnavailable } from "./pg/unavailable.js";
export {
  createSqlReader,
  prismaSqlReader,
  type SqlArg,
  type SqlReader,
} from "./sql-reader.js";

export interface Database {
  readonly prisma: PrismaClient;
  /** The audit log's writer (its own connection; see audit/audit-writer.ts). */
  readonly audit: AuditWriter;
  /** The read path's hand-written SQL, on its own driver connection (sql-reader.ts). */
  readonly reader: SqlReader;
  readonly config: DatabaseConfig;
  /** The adapter factory, for tools that need raw SQL (migrations, tests). */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations first (default true). */
  readonly migrate?: boolean;
  readonly log?: (line: string) => void;
  /** Called for every SQL statement the client sends (the benchmark counts them). */
  readonly onQuery?: (sql: string) => void;
}

/**
 * Opens the adapter alone, with no client: what the migration tools work through. A PGlite
 * folder another live process holds is refused at once with DataDirInUseError, before PGlite
 * reads a byte of it; `dispose` closes PGlite, then releases the folder.
 */
export async function openAdapterFactory(
  config: DatabaseConfig,
  options: Pick<OpenOptions, "log"> & {
    /**
     * A new embedded database may come from the build's snapshot with every migration already
     * applied (pglite/initdb-snapshot.ts): for callers that migrate next anyway. Default false:
     * a new database is initdb's output alone, as migration tools and their tests expect.
     */
    readonly migratedSnapshot?: boolean;
  } = {},
): Promise<{
  factory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * The factory the SQL reader connects through. On PostgreSQL its statements are prepared
   * once per connection and reused (statement-names.ts): the reader sends a few fixed
   * statements on every request, and parsing and planning them again each time was a
   * measurable share of PostgreSQL's CPU per request (bench/RESULTS.md, "Prepared reads").
   */
  readerFactory: SqlDriverAdapterFactory;
  dispose: () => Promise<void>;
}> {
  if (config.kind === "postgres") {
    // A multi-host URL (a failover cluster) connects each new connection to the primary.
    const factory = new PrismaPg(poolConfigFor(config.url));
    const readerFactory = new PrismaPg(poolConfigFor(config.url), {
      statementNameGenerator: preparedStatementName,
    });
    // PrismaPg opens its pool on connect(); disposing the client releases it.
    return { factory, readerFactory, dispose: async () => {} };
  }
  const openPGlite = async (dataDir: string) => {
    const { options: pgliteSettings, snapshot } = await pgliteOptions(
      dataDir,
      options.migratedSnapshot === true,
    );
    const pglite = new PGlite(dataDir, pgliteSettings);
    await pglite.waitReady;
    if (snapshot === "migrated") {
      options.log?.("New database loaded from the build's snapshot (migrations applied at build)");
    }
    return pglite;
  };
  if (config.dataDir === "memory://") {
    const pglite = await openPGlite(config.dataDir);
    const factory = new PrismaPGlite(pglite);
    return { factory, readerFactory: factory, dispose: () => pglite.close() };
  }
  const lock = lockDataDir(config.dataDir);
  if (lock.replacedStale) {
    const { pid, startedAt } = lock.replacedStale;
    options.log?.(
      `Replaced a stale lock on ${lock.dataDir}: process ${pid} (started ${startedAt}) ` +
        "ended without closing the database.",
    );
  }
  let pglite: PGlite;
  try {
    pglite = await openPGlite(config.dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  const opened = pglite;
  const factory = new PrismaPGlite(opened);
  return {
    factory,
    readerFactory: factory,
    dispose: async () => {
      try {
        await opened.close();
      } finally {
        lock.release();
      }
    },
  };
}

export async function openDatabase(
  config: DatabaseConfig = databaseConfigFromEnv(),
  options: OpenOptions = {},
): Promise<Database> {
  const { factory, readerFactory, dispose } = await openAdapterFactory(config, {
    log: options.log,
    migratedSnapshot: options.migrate !== false,
  });
  try {
    if (options.migrate !== false) {
      const adapter = await factory.connect();
      try {
        await applyPendingMigrations(adapter, { log: options.log });
      } finally {
        await adapter.dispose();
      }
    }
    const prisma = options.onQuery
      ? countingClient(factory, options.onQuery)
      : new PrismaClient({ adapter: factory });
    // This month's and the next months' partitions of the audit and staff action logs, in
    // case the process (or the database) was last started long ago (retention/partitions.ts).
    if (options.migrate !== false) await ensureHistoryPartitions(prisma);
    const audit = createAuditWriter(factory, { onQuery: options.onQuery });
    const reader = createSqlReader(readerFactory, { onQuery: options.onQuery });
    return {
      prisma,
      audit,
      reader,
      config,
      adapterFactory: factory,
      async close() {
        await reader.close();
        await audit.close();
        await prisma.$disconnect();
        await dispose();
      },
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

function countingClient(
  factory: SqlMigrationAwareDriverAdapterFactory,
  onQuery: (sql: string) => void,
): PrismaClient {
  const client = new PrismaClient({ adapter: factory, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => onQuery(event.query));
  return client as unknown as PrismaClient;
}
