/**
 * The `_prisma_migrations` table, kept exactly as Prisma keeps it, so that a database migrated
 * here is one that `prisma migrate deploy` / `migrate status` understand, and the other way
 * round.
 */
import type { MigrationSession } from "./session.js";

/** Prisma's own DDL for PostgreSQL (copied from its schema engine, whitespace included). */
export const MIGRATIONS_TABLE_DDL = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface HistoryRow {
  readonly id: string;
  readonly name: string;
  readonly checksum: string;
  /** ISO-8601 UTC, or null while the migration is unfinished (running or failed). */
  readonly finishedAt: string | null;
  readonly rolledBackAt: string | null;
  readonly startedAt: string;
  readonly logs: string | null;
  readonly appliedStepsCount: number;
}

/** A row that records success: finished and not rolled back. */
export const isApplied = (row: HistoryRow) => row.finishedAt !== null && row.rolledBackAt === null;
/** Prisma's definition of a failed migration: neither finished nor rolled back. */
export const isFailed = (row: HistoryRow) => row.finishedAt === null && row.rolledBackAt === null;

/** Whether the table exists in the session's current schema (search_path), as Prisma looks. */
export async function hasMigrationsTable(session: MigrationSession): Promise<boolean> {
  const rows = await session.query(
    "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present",
  );
  return rows[0]?.present === true;
}

export async function ensureMigrationsTable(session: MigrationSession): Promise<void> {
  if (!(await hasMigrationsTable(session))) await session.executeScript(MIGRATIONS_TABLE_DDL);
}

// Timestamps come back as text in one fixed format, so that every driver returns the same.
const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** All rows, oldest first (Prisma orders by started_at too). */
export async function readHistory(session: MigrationSession): Promise<HistoryRow[]> {
  const rows = await session.query(
    `SELECT id, migration_name, checksum, logs, applied_steps_count::int AS steps,
            ${iso("finished_at")} AS finished_at, ${iso("rolled_back_at")} AS rolled_back_at,
            ${iso("started_at")} AS started_at
       FROM _prisma_migrations
      ORDER BY started_at, migration_name`,
  );
  return rows.map((row) => ({
    id: String(row.id),
    name: String(row.migration_name),
    checksum: String(row.checksum),
    finishedAt: (row.finished_at as string | null) ?? null,
    rolledBackAt: (row.rolled_back_at as string | null) ?? null,
    startedAt: String(row.started_at),
    logs: (row.logs as string | null) ?? null,
    appliedStepsCount: Number(row.steps),
  }));
}

/** Prisma's "record_migration_started": the row exists before the script runs. */
export async function recordStarted(
  session: MigrationSession,
  id: string,
  name: string,
  checksum: string,
): Promise<void> {
  await session.query(
    `INSERT INTO _prisma_migrations
       (id, checksum, started_at, finished_at, migration_name, logs, rolled_back_at, applied_steps_count)
     VALUES ($1, $2, now(), NULL, $3, NULL, NULL, 0)`,
    [id, checksum, name],
  );
}

/** Prisma counts one step per migration script and then sets finished_at. */
export async function recordFinished(session: MigrationSession, id: string): Promise<void> {
  await session.query(
    `UPDATE _prisma_migrations
        SET applied_steps_count = applied_steps_count + 1, finished_at = now()
      WHERE id = $1`,
    [id],
  );
}

export async function recordFailed(
  session: MigrationSession,
  id: string,
  logs: string,
): Promise<void> {
  await session.query("UPDATE _prisma_migrations SET logs = $2 WHERE id = $1", [id, logs]);
}
