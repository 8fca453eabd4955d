/**
 * What the migration tests share: a test database migrated up to just before one migration,
 * some rows written there in the old schema (`prepare`, on a migration session), then the
 * rest of the migrations applied over them, as a deployment's upgrade would.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import type { DatabaseConfig } from "../config.js";
import { applyPendingMigrations } from "../migrations/apply.js";
import { readMigrationsFolder } from "../migrations/files.js";
import { type MigrationSession, openMigrationSession } from "../migrations/session.js";
import { paths } from "../paths.js";
import { openTestAdapter } from "./databases.js";

export async function migrateAcross(
  config: DatabaseConfig,
  /** The end of the first migration's folder name to leave out, e.g. "_history_partitions". */
  firstNew: string,
  prepare: (session: MigrationSession, adapter: SqlDriverAdapter) => Promise<void>,
): Promise<void> {
  const { migrations } = await readMigrationsFolder(paths.migrations);
  const before = await mkdtemp(join(tmpdir(), "privet-before-migration-"));
  try {
    for (const migration of migrations) {
      if (migration.name.endsWith(firstNew)) break;
      await cp(join(paths.migrations, migration.name), join(before, migration.name), {
        recursive: true,
      });
    }
    const { adapter, close } = await openTestAdapter(config);
    try {
      await applyPendingMigrations(adapter, { migrationsDir: before });
      const session = await openMigrationSession(adapter);
      try {
        await prepare(session, adapter);
      } finally {
        await session.close();
      }
      await applyPendingMigrations(adapter);
    } finally {
      await close();
    }
  } finally {
    await rm(before, { recursive: true, force: true });
  }
}
