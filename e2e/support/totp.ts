/**
 * What an authenticator app does, for the demo accounts that sign in with a second factor
 * (the administrator and the privacy officer; their public demo secret is in the README): a
 * TOTP code (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) written here apart from the
 * API's, as a phone's app is.
 *
 * The API refuses a code of a step it already accepted (replay), and the suite signs the same
 * demo accounts in from several processes: `withTotpCode` tries the current step's code, then
 * the next step's (the API accepts one step ahead), and only then waits for a new step.
 */
import { createHmac } from "node:crypto";

export const DEMO_TOTP_SECRET = "PRIVETDEMOTOTPSECRETAAAAAAAAAAAA";

/** The demo accounts enrolled with DEMO_TOTP_SECRET. */
const ENROLLED = new Set(["administrator@privet.example", "privacy.officer@privet.example"]);

const STEP_MS = 30_000;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/[\s=]/g, "").toUpperCase()) {
    value = (value << 5) | BASE32.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = (mac.at(-1) ?? 0) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** The demo secret of an account that signs in with one; null for the others. */
export function demoSecretOf(email: string): string | null {
  return ENROLLED.has(email) ? DEMO_TOTP_SECRET : null;
}

/** The newest step this process gave a code for, per account (the API keeps one per member). */
const lastSteps = new Map<string, number>();

/**
 * Runs `signIn` with a code the API has not seen yet for this account: `signIn` answers
 * whether the code was refused as wrong or used (then the next candidate is tried).
 */
export async function withTotpCode<T>(
  account: string,
  secret: string,
  signIn: (code: string) => Promise<{ refused: true } | { refused: false; value: T }>,
): Promise<T> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const current = Math.floor(Date.now() / STEP_MS);
    const step = Math.max(current, (lastSteps.get(account) ?? -1) + 1);
    if (step > current + 1) {
      // Both usable steps are spent: the next one opens within 30 seconds.
      await new Promise((resolve) => setTimeout(resolve, (step - 1) * STEP_MS - Date.now() + 50));
    }
    lastSteps.set(account, step);
    const outcome = await signIn(totpAt(secret, step));
    if (!outcome.refused) return outcome.value;
  }
  throw new Error("no authentication code was accepted");
}
