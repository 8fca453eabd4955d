/**
 * A fixed-window attempt counter kept in memory, per key (an account's hashed email, an IP).
 * One API process keeps its own counts; behind a load balancer each process limits on its
 * own, which still bounds guessing to (processes × limit) per window.
 */
import { AppError } from "../errors/app-error.js";

export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt; throws RATE_LIMITED once the key has used up its window. */
  hit(key: string, now = Date.now()): void {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    window.count += 1;
    if (window.count > this.limit) {
      throw new AppError("RATE_LIMITED", undefined, {
        retryAfterSeconds: Math.ceil((window.resetAt - now) / 1000),
      });
    }
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
