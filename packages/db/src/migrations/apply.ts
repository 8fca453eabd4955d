/**
 * Applies pending migrations through a driver adapter: what `prisma migrate deploy` does,
 * without Prisma's native schema engine (which these machines cannot download). It writes
 * `_prisma_migrations` exactly as Prisma does, so the real command accepts the result.
 *
 * Per pending migration, in folder order: insert its row (started, unfinished), run its
 * script in one piece, then count the step and set finished_at. A script that fails leaves
 * its row unfinished with the error in `logs` — Prisma's "failed migration" — and the runner
 * stops; later runs refuse to continue until someone resolves it, as Prisma does.
 */
import { randomUUID } from "node:crypto";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { paths } from "../paths.js";
import { describeError, MigrationError } from "./errors.js";
import { checksumMatches, readMigrationsFolder } from "./files.js";
import {
  ensureMigrationsTable,
  type HistoryRow,
  isApplied,
  isFailed,
  readHistory,
  recordFailed,
  recordFinished,
  recordStarted,
} from "./history.js";
import { openMigrationSession } from "./session.js";

export interface ApplyOptions {
  /** Where progress and warnings go (default: nowhere). */
  log?: (line: string) => void;
  /** Default: the repository's prisma/migrations. */
  migrationsDir?: string;
  /**
   * How long to wait for another process that is migrating the same PostgreSQL database
   * (default 60 s). Two API processes starting together: one applies, the other waits and
   * then finds nothing left to do.
   */
  lockTimeoutMs?: number;
}

export async function applyPendingMigrations(
  adapter: SqlDriverAdapter,
  options: ApplyOptions = {},
): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  // Read the folder first: a broken folder should fail before we touch the database.
  const folder = await readMigrationsFolder(options.migrationsDir ?? paths.migrations);
  const session = await openMigrationSession(adapter);
  if (session.via === "adapter") {
    log(
      `Warning: the migration runner does not know the driver adapter "${adapter.adapterName}" ` +
        "(it knows @prisma/adapter-pg and pglite-prisma-adapter): scripts go through its " +
        "executeScript, and no lock stops two processes from migrating at the same time.",
    );
  }
  try {
    return await session.withLock(
      {
        timeoutMs: options.lockTimeoutMs ?? 60_000,
        onWait: () => log("Another process is applying migrations; waiting for it to finish…"),
      },
      async () => {
        await ensureMigrationsTable(session);
        // Read the history only once the lock is ours: whoever held it may have applied
        // everything meanwhile.
        const history = await readHistory(session);
        refuseIfFailed(history);
        warnAboutDrift(history, folder.migrations, log);

        const done = new Set(history.filter(isApplied).map((row) => row.name));
        const pending = folder.migrations.filter((migration) => !done.has(migration.name));
        const applied: string[] = [];
        for (const migration of pending) {
          const id = randomUUID();
          await recordStarted(session, id, migration.name, migration.checksum);
          try {
            await session.executeScript(migration.sql);
          } catch (error) {
            const reason = describeError(error);
            await recordFailed(session, id, failureLog(migration.name, error));
            throw new MigrationError(
              `Migration ${migration.name} failed: ${reason}\n` +
                (session.via === "adapter"
                  ? ""
                  : "It was sent as one script, which PostgreSQL rolls back whole (unless the " +
                    "script commits part of it with its own BEGIN/COMMIT). ") +
                `It is recorded as failed in _prisma_migrations. ${howToResolve(migration.name)}` +
                (applied.length ? `\nApplied before it: ${applied.join(", ")}.` : ""),
              { cause: error },
            );
          }
          await recordFinished(session, id);
          applied.push(migration.name);
          log(`Applied migration ${migration.name}`);
        }
        return { applied };
      },
    );
  } finally {
    await session.close();
  }
}

function refuseIfFailed(history: readonly HistoryRow[]): void {
  const failed = history.filter(isFailed);
  if (failed.length === 0) return;
  const names = failed.map((row) => row.name);
  throw new MigrationError(
    `The database has ${failed.length === 1 ? "a failed migration" : "failed migrations"}: ` +
      `${names.join(", ")}. No further migrations are applied until it is resolved.\n` +
      (failed[0]?.logs ? `Its error: ${failed[0].logs.trim().split("\n").at(-1)}\n` : "") +
      names.map(howToResolve).join("\n"),
  );
}

/** The way out of a failed migration, in Prisma's terms, and without Prisma. */
function howToResolve(name: string): string {
  return (
    `To retry ${name} once its cause is fixed (correct the data or the script), mark it rolled back — ` +
    `\`npx prisma migrate resolve --rolled-back ${name}\`, or in SQL: ` +
    `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '${name}' ` +
    "AND finished_at IS NULL AND rolled_back_at IS NULL; — then deploy again."
  );
}

function warnAboutDrift(
  history: readonly HistoryRow[],
  local: ReadonlyArray<{ name: string; sql: string }>,
  log: (line: string) => void,
): void {
  const byName = new Map(local.map((migration) => [migration.name, migration]));
  for (const row of history.filter(isApplied)) {
    const migration = byName.get(row.name);
    if (!migration) {
      log(`Warning: migration ${row.name} is applied to the database but missing from the folder.`);
    } else if (!checksumMatches(migration.sql, row.checksum)) {
      log(
        `Warning: migration ${row.name} was edited after it was applied (its checksum differs). ` +
          "The database keeps the old version; put a change in a new migration instead.",
      );
    }
  }
}

/** What goes in `logs`, shaped like the text Prisma's engine stores there. */
function failureLog(name: string, error: unknown): string {
  const code = codeOf(error);
  return [
    `Migration name: ${name}`,
    code ? `Database error code: ${code}` : undefined,
    `Database error:\n${describeError(error)}`,
  ]
    .filter(Boolean)
    .join("\n\n");
}

function codeOf(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; cause?: { originalCode?: unknown } };
  if (typeof candidate?.cause?.originalCode === "string") return candidate.cause.originalCode;
  return typeof candidate?.code === "string" ? candidate.code : undefined;
}
