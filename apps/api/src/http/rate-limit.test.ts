import { type Database, openDatabase } from "@privet/db/client";
import { type OpenTestDatabase, testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit.js";

const KEY = "0123456789abcdef0123456789abcdef";
const WINDOW = 15 * 60_000;

describe.each(testDatabases)("attempt limits on $name", (kind) => {
  let testDb: OpenTestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await kind.open();
    db = await openDatabase(testDb.config);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const refusal = async (attempt: Promise<void>) => {
    const error = await attempt.then(
      () => null,
      (e: unknown) => e as { extensions?: Record<string, unknown> },
    );
    return error?.extensions ?? null;
  };

  it("counts in the database: two API processes share one limit per key", async () => {
    // Two limiters, as two processes would hold: neither keeps a count of its own.
    const first = new RateLimiter(db.prisma, KEY, 3, WINDOW);
    const second = new RateLimiter(db.prisma, KEY, 3, WINDOW);
    const now = Date.UTC(2026, 10, 25, 12, 1);
    await first.hit("ip:203.0.113.7", now);
    await second.hit("ip:203.0.113.7", now);
    await first.hit("ip:203.0.113.7", now);
    // The fourth attempt, wherever it lands, is over the limit, with when to try again.
    expect(await refusal(second.hit("ip:203.0.113.7", now))).toEqual({
      code: "RATE_LIMITED",
      retryAfterSeconds: 14 * 60,
    });
    // Another key has its own count.
    expect(await refusal(first.hit("ip:198.51.100.1", now))).toBeNull();
    // The next window starts afresh.
    expect(await refusal(first.hit("ip:203.0.113.7", now + WINDOW))).toBeNull();
  });

  it("stores keyed hashes only: no IP address or email in the table", async () => {
    const limiter = new RateLimiter(db.prisma, KEY, 10, WINDOW);
    await limiter.hit("ip:192.0.2.44");
    await limiter.hit("account:someone@example.com");
    const stored = JSON.stringify(await db.prisma.attemptWindow.findMany());
    expect(stored).not.toContain("192.0.2.44");
    expect(stored).not.toContain("someone@example.com");
    for (const row of await db.prisma.attemptWindow.findMany()) {
      expect(row.key).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
