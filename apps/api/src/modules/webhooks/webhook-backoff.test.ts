import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelayMs } from "./webhook-backoff.js";

describe("webhook retry backoff", () => {
  it("doubles from 30 seconds, within the upper half of each step (jitter)", () => {
    expect(retryDelayMs(1, 0)).toBe(15_000);
    expect(retryDelayMs(1, 0.999_999)).toBeCloseTo(30_000, -1);
    expect(retryDelayMs(2, 0)).toBe(30_000);
    expect(retryDelayMs(4, 0.5)).toBe(180_000);
  });

  it("never waits more than six hours, however many attempts", () => {
    expect(retryDelayMs(40, 0.999_999)).toBeLessThanOrEqual(6 * 3_600_000);
    expect(retryDelayMs(40, 0)).toBe(3 * 3_600_000);
  });

  it("gives up after a bounded number of attempts spread over about an hour", () => {
    let longest = 0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) longest += retryDelayMs(attempt, 1);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(longest).toBe(63.5 * 60_000);
  });
});
