/**
 * The migration that gave attempt counters an end (expiresAt) and a growing delay (retryAt)
 * applies to a table in use: the counters already there keep counting, with the end of their
 * 15-minute window filled in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../client.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import { migrateAcross } from "../test-support/migrate-across.js";

const MIGRATION = "_attempt_delays";
const KEY = "a".repeat(64);

describe.each(testDatabases)(
  "attempt counters through the attempt_delays migration on $name",
  (kind) => {
    let testDb: OpenTestDatabase;
    let db: Database;

    beforeAll(async () => {
      testDb = await kind.open();
      await migrateAcross(testDb.config, MIGRATION, async (session) => {
        await session.query(`INSERT INTO "AttemptWindow" ("key", "windowStart", "count")
          VALUES ('${KEY}', '2026-11-25T12:00:00Z', 7)`);
      });
      db = await openDatabase(testDb.config, { migrate: false });
    });
    afterAll(async () => {
      await db?.close();
      await testDb?.drop();
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
