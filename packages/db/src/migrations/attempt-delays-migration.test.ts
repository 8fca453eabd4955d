/**
 * The migration that gave attempt counters an end (expiresAt) and a growing delay (retryAt)
 * applies to a table in use: the counters already there keep counting, with the end of their
 * 15-minute window filled in.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../client.js";
import { paths } from "../paths.js";
import {
  type OpenTestDatabase,
  openTestAdapter,
  testDatabases,
} from "../test-support/databases.js";
import { applyPendingMigrations } from "./apply.js";
import { readMigrationsFolder } from "./files.js";
import { openMigrationSession } from "./session.js";

const MIGRATION = "_attempt_delays";
const KEY = "a".repeat(64);

describe.each(testDatabases)(
  "attempt counters through the attempt_delays migration on $name",
  (kind) => {
    let testDb: OpenTestDatabase;
    let db: Database;
    let before: string;

    beforeAll(async () => {
      testDb = await kind.open();
      const { migrations } = await readMigrationsFolder(paths.migrations);
      before = await mkdtemp(join(tmpdir(), "privet-before-attempt-delays-"));
      for (const migration of migrations) {
        if (migration.name.endsWith(MIGRATION)) break;
        await cp(join(paths.migrations, migration.name), join(before, migration.name), {
          recursive: true,
        });
      }
      const { adapter, close } = await openTestAdapter(testDb.config);
      try {
        await applyPendingMigrations(adapter, { migrationsDir: before });
        const session = await openMigrationSession(adapter);
        try {
          await session.query(`INSERT INTO "AttemptWindow" ("key", "windowStart", "count")
          VALUES ('${KEY}', '2026-11-25T12:00:00Z', 7)`);
        } finally {
          await session.close();
        }
        await applyPendingMigrations(adapter);
      } finally {
        await close();
      }
      db = await openDatabase(testDb.config, { migrate: false });
    });
    afterAll(async () => {
      await db?.close();
      await testDb?.drop();
      await rm(before, { recursive: true, force: true });
    });

    it("keeps the counts and sets each window's end 15 minutes after its start", async () => {
      expect(await db.prisma.attemptWindow.findMany()).toEqual([
        {
          key: KEY,
          windowStart: new Date("2026-11-25T12:00:00Z"),
          count: 7,
          expiresAt: new Date("2026-11-25T12:15:00Z"),
          retryAt: null,
        },
      ]);
    });
  },
);
