import { type Database, openDatabase } from "@privet/db/client";
import { keyedHash } from "@privet/db/ledger";
import { type OpenTestDatabase, testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_DELAYS, GrowingDelay, RateLimiter } from "./rate-limit.js";

const KEY = "0123456789abcdef0123456789abcdef";
const WINDOW = 15 * 60_000;
/** A fake clock: every test picks its instants; nothing waits in real time. */
const T0 = Date.UTC(2026, 10, 25, 12, 1);

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
  const retryAfter = async (attempt: Promise<void>) =>
    (await refusal(attempt))?.retryAfterSeconds as number | undefined;

  describe("a budget per fixed window (RateLimiter)", () => {
    it("counts in the database: two API processes share one limit per key", async () => {
      // Two limiters, as two processes would hold: neither keeps a count of its own.
      const first = new RateLimiter(db.prisma, KEY, 3, WINDOW);
      const second = new RateLimiter(db.prisma, KEY, 3, WINDOW);
      await first.take("ip:203.0.113.7", T0);
      await second.take("ip:203.0.113.7", T0);
      await first.take("ip:203.0.113.7", T0);
      // The fourth attempt, wherever it lands, is over the limit, with when to try again.
      expect(await refusal(second.take("ip:203.0.113.7", T0))).toEqual({
        code: "RATE_LIMITED",
        retryAfterSeconds: 14 * 60,
      });
      // Another key has its own count.
      expect(await refusal(first.take("ip:198.51.100.1", T0))).toBeNull();
      // The next window starts afresh.
      expect(await refusal(first.take("ip:203.0.113.7", T0 + WINDOW))).toBeNull();
    });

    it("a refused attempt spends nothing, and an attempt given back (a success) is not counted", async () => {
      const limiter = new RateLimiter(db.prisma, KEY, 2, WINDOW);
      const key = "ip:203.0.113.8";
      // Sixty attempts that all succeed: each is given back, so none counts.
      for (let i = 0; i < 60; i++) {
        await limiter.take(key, T0);
        await limiter.giveBack(key, T0);
      }
      await limiter.take(key, T0);
      await limiter.take(key, T0);
      for (let i = 0; i < 5; i++) expect(await refusal(limiter.take(key, T0))).not.toBeNull();
      // One given back: exactly one more is allowed — the refusals took nothing.
      await limiter.giveBack(key, T0);
      expect(await refusal(limiter.take(key, T0))).toBeNull();
      expect(await refusal(limiter.take(key, T0))).not.toBeNull();
    });

    it("parallel attempts cannot outrun the budget", async () => {
      const limiter = new RateLimiter(db.prisma, KEY, 5, WINDOW);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => refusal(limiter.take("ip:203.0.113.9", T0))),
      );
      expect(results.filter((r) => r === null)).toHaveLength(5);
    });

    it("stores keyed hashes only: no IP address or email in the table", async () => {
      const limiter = new RateLimiter(db.prisma, KEY, 10, WINDOW);
      await limiter.take("ip:192.0.2.44", T0);
      await limiter.take("account:customer:someone@example.com", T0);
      const stored = JSON.stringify(await db.prisma.attemptWindow.findMany());
      expect(stored).not.toContain("192.0.2.44");
      expect(stored).not.toContain("someone@example.com");
      for (const row of await db.prisma.attemptWindow.findMany()) {
        expect(row.key).toMatch(/^[0-9a-f]{64}$/);
      }
    });
  });

  describe("an account's failures (GrowingDelay)", () => {
    const delays = (free = 5) =>
      new GrowingDelay(db.prisma, KEY, { ...ACCOUNT_DELAYS, freeFailures: free });

    it("lets the first failures through, then makes each further attempt wait twice as long", async () => {
      const limiter = delays(5);
      const key = "account:customer:grow@example.com";
      let now = T0;
      for (let i = 0; i < 5; i++) await limiter.take(key, now);
      // After the fifth failure: wait 1 s, then 2 s, 4 s, 8 s … each time the wait is over.
      const waits: number[] = [];
      for (let i = 0; i < 8; i++) {
        const wait = await retryAfter(limiter.take(key, now));
        expect(wait).toBeDefined();
        waits.push(wait ?? 0);
        // Refused again just before the wait is over; taken once it is.
        expect(await retryAfter(limiter.take(key, now + (wait ?? 0) * 1000 - 500))).toBe(1);
        now += (wait ?? 0) * 1000;
        await limiter.take(key, now);
      }
      expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
    });

    it("never waits more than 15 minutes", async () => {
      const limiter = delays(1);
      const key = "account:customer:capped@example.com";
      let now = T0;
      let wait = 0;
      for (let i = 0; i < 14; i++) {
        await limiter.take(key, now);
        wait = (await retryAfter(limiter.take(key, now))) ?? 0;
        now += wait * 1000;
      }
      expect(wait).toBe(15 * 60);
      expect(limiter.delayAfter(1000)).toBe(15 * 60_000);
    });

    it("a success forgets the failures", async () => {
      const limiter = delays(2);
      const key = "account:customer:reset@example.com";
      await limiter.take(key, T0);
      await limiter.take(key, T0);
      expect(await retryAfter(limiter.take(key, T0))).toBe(1);
      await limiter.reset(key);
      await limiter.take(key, T0);
      await limiter.take(key, T0);
      expect(await retryAfter(limiter.take(key, T0))).toBe(1);
    });

    it("parallel guesses cannot slip past the delay: each attempt is counted before it is checked", async () => {
      const limiter = delays(5);
      const results = await Promise.all(
        Array.from({ length: 30 }, () =>
          refusal(limiter.take("account:customer:parallel@example.com", T0)),
        ),
      );
      expect(results.filter((r) => r === null)).toHaveLength(5);
    });

    it("two processes share one account's count", async () => {
      const [a, b] = [delays(3), delays(3)];
      const key = "account:staff:shared@example.com";
      await a.take(key, T0);
      await b.take(key, T0);
      await a.take(key, T0);
      expect(await retryAfter(b.take(key, T0))).toBe(1);
    });
  });

  it("sweeps rows whose window has ended, not the ones still counting", async () => {
    const limiter = new RateLimiter(db.prisma, KEY, 1000, WINDOW);
    const account = new GrowingDelay(db.prisma, KEY, { ...ACCOUNT_DELAYS, freeFailures: 5 });
    await account.take("account:customer:sweep@example.com", T0);
    // 500 attempts trigger a sweep. Six hours later every 15-minute window above has ended;
    // the account's day-long window (to midnight UTC) has not.
    const later = T0 + 6 * 60 * 60_000;
    for (let i = 0; i < 500; i++) await limiter.take(`ip:sweep-${i % 3}`, later);
    await expect
      .poll(() => db.prisma.attemptWindow.count({ where: { expiresAt: { lt: new Date(later) } } }))
      .toBe(0);
    const kept = await db.prisma.attemptWindow.findMany({
      where: { key: keyedHash("account:customer:sweep@example.com", KEY) },
    });
    expect(kept).toEqual([
      expect.objectContaining({
        count: 1,
        windowStart: new Date("2026-11-25T00:00:00Z"),
        expiresAt: new Date("2026-11-26T00:00:00Z"),
      }),
    ]);
  });
});
