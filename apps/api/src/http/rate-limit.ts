/**
 * Attempt counters, per key (an account's hashed email, an IP, a device cookie's nonce), kept
 * in the database (`AttemptWindow`) so every API process counts against the same limit: a
 * client spreading its guesses over a load balancer's processes gets no more of them. Keys are
 * stored as keyed hashes: the table never holds an IP address or an email.
 *
 * Two kinds:
 * - `RateLimiter`: a budget of attempts per fixed window. `take` spends one in a single
 *   statement and refuses when none is left (a refused attempt spends nothing); `giveBack`
 *   returns one, for limits that count failures only — the caller takes before it knows the
 *   outcome (so parallel requests cannot outrun the count) and gives back on success.
 * - `GrowingDelay`: an account's failures. The first few are free; after that each further
 *   attempt must wait a delay that doubles with every failure (1 s, 2 s, 4 s … up to 15
 *   minutes). `take` counts the attempt as a failure in advance and sets the next allowed time
 *   in the same statement, refusing while a delay runs; `reset` forgets the failures when the
 *   attempt succeeds.
 *
 * Every method takes `now` (the request's time), so tests run on a fake clock.
 */

import type { PrismaClient } from "@privet/db/client";
import { keyedHash } from "@privet/db/ledger";
import { AppError } from "../errors/app-error.js";

/** Rows whose window has ended are swept about once per this many attempts (off the hot path). */
const SWEEP_EVERY = 500;

export const WINDOW_15_MINUTES = 15 * 60_000;

abstract class AttemptCounter {
  private attemptsSinceSweep = 0;

  constructor(
    protected readonly prisma: PrismaClient,
    private readonly hashKey: string,
    protected readonly windowMs: number,
  ) {}

  protected stored(key: string): string {
    return keyedHash(key, this.hashKey);
  }

  protected windowOf(now: number): { start: Date; end: Date } {
    const start = now - (now % this.windowMs);
    return { start: new Date(start), end: new Date(start + this.windowMs) };
  }

  protected counted(now: number): void {
    if (++this.attemptsSinceSweep < SWEEP_EVERY) return;
    this.attemptsSinceSweep = 0;
    void this.prisma.attemptWindow
      .deleteMany({ where: { expiresAt: { lt: new Date(now) } } })
      .catch(() => undefined);
  }
}

/** RATE_LIMITED, with when to try again (whole seconds, at least 1). */
export function rateLimited(retryAt: number, now: number): AppError {
  return new AppError("RATE_LIMITED", undefined, {
    retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now) / 1000)),
  });
}

export class RateLimiter extends AttemptCounter {
  constructor(
    prisma: PrismaClient,
    hashKey: string,
    private readonly limit: number,
    windowMs: number = WINDOW_15_MINUTES,
  ) {
    super(prisma, hashKey, windowMs);
  }

  /** Spends one attempt of the key's budget; throws RATE_LIMITED once it is spent. */
  async take(key: string, now: number): Promise<void> {
    const { start, end } = this.windowOf(now);
    const rows = await this.prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO "AttemptWindow" ("key", "windowStart", "count", "expiresAt")
      VALUES (${this.stored(key)}, ${start}, 1, ${end})
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "AttemptWindow"."count" + 1
        WHERE "AttemptWindow"."count" < ${this.limit}
      RETURNING "count"`;
    this.counted(now);
    if (rows.length === 0) throw rateLimited(end.getTime(), now);
  }

  /** Returns an attempt taken at `now`: it succeeded, and only failures count. */
  async giveBack(key: string, now: number): Promise<void> {
    const { start } = this.windowOf(now);
    await this.prisma.$executeRaw`
      UPDATE "AttemptWindow" SET "count" = "count" - 1
      WHERE "key" = ${this.stored(key)} AND "windowStart" = ${start} AND "count" > 0`;
  }
}

export interface GrowingDelayOptions {
  /** Failures allowed before the delays start. */
  readonly freeFailures: number;
  /** The first delay; each further failure doubles it. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** How long failures are remembered without a success: a fixed window (a day). */
  readonly windowMs: number;
}

export const ACCOUNT_DELAYS: Omit<GrowingDelayOptions, "freeFailures"> = {
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  windowMs: 24 * 60 * 60_000,
};

export class GrowingDelay extends AttemptCounter {
  constructor(
    prisma: PrismaClient,
    hashKey: string,
    private readonly options: GrowingDelayOptions,
  ) {
    super(prisma, hashKey, options.windowMs);
  }

  /** The wait after the `failures`-th failure, in milliseconds (0 while failures are free). */
  delayAfter(failures: number): number {
    const { freeFailures, firstDelayMs, maxDelayMs } = this.options;
    if (failures < freeFailures) return 0;
    return Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(failures - freeFailures, 30));
  }

  /**
   * Counts the attempt as a failure in advance, in one statement that also sets when the next
   * may come; throws RATE_LIMITED (with retryAfterSeconds) while the key's delay runs, and a
   * refused attempt is not counted.
   */
  async take(key: string, now: number): Promise<void> {
    const { freeFailures, firstDelayMs, maxDelayMs } = this.options;
    const { start, end } = this.windowOf(now);
    const at = new Date(now);
    const first = this.delayAfter(1);
    const rows = await this.prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO "AttemptWindow" ("key", "windowStart", "count", "expiresAt", "retryAt")
      VALUES (${this.stored(key)}, ${start}, 1, ${end},
        ${first > 0 ? new Date(now + first) : null}::timestamptz)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET
        "count" = "AttemptWindow"."count" + 1,
        "retryAt" = CASE
          WHEN "AttemptWindow"."count" + 1 < ${freeFailures} THEN NULL
          ELSE ${at}::timestamptz + make_interval(secs => LEAST(
            ${maxDelayMs / 1000}::float8,
            ${firstDelayMs / 1000}::float8 *
              power(2, LEAST("AttemptWindow"."count" + 1 - ${freeFailures}, 30))))
        END
        WHERE "AttemptWindow"."retryAt" IS NULL OR "AttemptWindow"."retryAt" <= ${at}
      RETURNING "count"`;
    this.counted(now);
    if (rows.length > 0) return;
    const row = await this.prisma.attemptWindow.findUnique({
      where: { key_windowStart: { key: this.stored(key), windowStart: start } },
      select: { retryAt: true },
    });
    throw rateLimited(row?.retryAt?.getTime() ?? now + firstDelayMs, now);
  }

  /** The attempt succeeded: the key's failures are forgotten. */
  async reset(key: string): Promise<void> {
    await this.prisma.attemptWindow.deleteMany({ where: { key: this.stored(key) } });
  }
}
