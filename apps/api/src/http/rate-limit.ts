/**
 * Fixed-window attempt counters, per key (an account's hashed email, an IP), kept in the
 * database so every API process counts against the same limit: a client spreading its guesses
 * over a load balancer's processes gets no more of them. One statement per attempt (an upsert
 * that returns the new count). Keys are stored as keyed hashes: the table never holds an IP
 * address or an email.
 */

import type { PrismaClient } from "@privet/db/client";
import { keyedHash } from "@privet/db/ledger";
import { AppError } from "../errors/app-error.js";

/** Past windows are swept about once per this many attempts (cheap, and off the hot path). */
const SWEEP_EVERY = 500;

export class RateLimiter {
  private attemptsSinceSweep = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly hashKey: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt; throws RATE_LIMITED once the key has used up its window. */
  async hit(key: string, now = Date.now()): Promise<void> {
    const windowStart = new Date(now - (now % this.windowMs));
    const [counted] = await this.prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO "AttemptWindow" ("key", "windowStart", "count")
      VALUES (${this.stored(key)}, ${windowStart}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "AttemptWindow"."count" + 1
      RETURNING "count"`;
    if (++this.attemptsSinceSweep >= SWEEP_EVERY) {
      this.attemptsSinceSweep = 0;
      void this.sweep(windowStart).catch(() => undefined);
    }
    if ((counted?.count ?? 0) > this.limit) {
      const resetAt = windowStart.getTime() + this.windowMs;
      throw new AppError("RATE_LIMITED", undefined, {
        retryAfterSeconds: Math.ceil((resetAt - now) / 1000),
      });
    }
  }

  private stored(key: string): string {
    return keyedHash(key, this.hashKey);
  }

  private sweep(current: Date) {
    return this.prisma.attemptWindow.deleteMany({ where: { windowStart: { lt: current } } });
  }
}
