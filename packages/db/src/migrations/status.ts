/**
 * Where a database stands against the migrations folder (`db:status`). Read-only: it does not
 * create `_prisma_migrations` or take the migration lock.
 */
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { paths } from "../paths.js";
import { checksumMatches, readMigrationsFolder } from "./files.js";
import { hasMigrationsTable, isApplied, isFailed, readHistory } from "./history.js";
import { openMigrationSession } from "./session.js";

export interface MigrationStatus {
  /** False on a database no migration ever touched. */
  readonly hasMigrationsTable: boolean;
  /** Applied and still in the folder, in folder order. */
  readonly applied: ReadonlyArray<{ readonly name: string; readonly finishedAt: string }>;
  /** In the folder, not applied (failed ones excluded), in the order deploy would apply them. */
  readonly pending: readonly string[];
  /** Applied, but migration.sql changed since (its checksum differs). */
  readonly checksumChanged: readonly string[];
  /** Recorded as failed (unfinished, not rolled back): deploy refuses to go on. */
  readonly failed: ReadonlyArray<{ readonly name: string; readonly logs: string | null }>;
  /** Applied to the database but not in the folder (deleted, renamed, or a newer branch). */
  readonly missingFromFolder: readonly string[];
  /** Nothing pending and nothing failed. */
  readonly upToDate: boolean;
}

export async function migrationStatus(
  adapter: SqlDriverAdapter,
  options: { migrationsDir?: string } = {},
): Promise<MigrationStatus> {
  const folder = await readMigrationsFolder(options.migrationsDir ?? paths.migrations);
  const session = await openMigrationSession(adapter);
  try {
    const present = await hasMigrationsTable(session);
    const history = present ? await readHistory(session) : [];
    const appliedRows = new Map(history.filter(isApplied).map((row) => [row.name, row]));
    const failed = history.filter(isFailed).map((row) => ({ name: row.name, logs: row.logs }));
    const failedNames = new Set(failed.map((row) => row.name));
    const localNames = new Set(folder.migrations.map((migration) => migration.name));

    const applied: Array<{ name: string; finishedAt: string }> = [];
    const pending: string[] = [];
    const checksumChanged: string[] = [];
    for (const migration of folder.migrations) {
      const row = appliedRows.get(migration.name);
      if (row) {
        applied.push({ name: migration.name, finishedAt: row.finishedAt ?? "" });
        if (!checksumMatches(migration.sql, row.checksum)) checksumChanged.push(migration.name);
      } else if (!failedNames.has(migration.name)) {
        pending.push(migration.name);
      }
    }
    const missingFromFolder = [...appliedRows.keys()].filter((name) => !localNames.has(name));
    return {
      hasMigrationsTable: present,
      applied,
      pending,
      checksumChanged,
      failed,
      missingFromFolder,
      upToDate: pending.length === 0 && failed.length === 0,
    };
  } finally {
    await session.close();
  }
}
