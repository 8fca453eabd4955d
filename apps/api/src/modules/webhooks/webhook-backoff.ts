/**
 * When a failed delivery is tried again: exponential backoff (30 s, 1 min, 2 min … capped at
 * 6 hours) with jitter — a random point in the upper half of the step — so the deliveries of
 * an endpoint that was down do not all return at the same instant. After MAX_ATTEMPTS a
 * delivery is FAILED (about 1 h 4 min of retries at the default base).
 */
export const MAX_ATTEMPTS = 8;
const BASE_MS = 30_000;
const CAP_MS = 6 * 3_600_000;

/** The wait after the `attempts`-th failed attempt (1-based); `random` in [0, 1). */
export function retryDelayMs(attempts: number, random: number = Math.random()): number {
  const step = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(step / 2 + (step / 2) * random);
}
