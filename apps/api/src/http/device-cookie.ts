/**
 * Device cookies (OWASP's "Slow Down Online Guessing Attacks with Device Cookies"): a browser
 * that has signed in to an account successfully gets a cookie that says so, and while that
 * account is under attack — its limit for unknown clients reached — a sign-in that presents
 * the cookie is still let in, so an attacker guessing passwords cannot lock the owner out.
 *
 * The value is `nonce | issued-at | HMAC(server secret, kind, account id, nonce, issued-at)`,
 * base64url: bound to one account, unforgeable without PRIVET_SECRET, and holding no
 * identifier of the account at all — not the email, not the id (P-02). It is valid for
 * DEVICE_COOKIE_LIFETIME_MS from issue, checked on the server, not only by Max-Age. The nonce
 * keys the cookie's own failure count: a cookie that fails too often is locked out itself.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export type AccountKind = "customer" | "staff";

/** One cookie per kind: a browser may hold a customer's and a staff member's at once. */
export const DEVICE_COOKIE: Readonly<Record<AccountKind, string>> = {
  customer: "privet_device",
  staff: "privet_staff_device",
};

export const DEVICE_COOKIE_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000;

const NONCE_BYTES = 16;
const TIME_BYTES = 4;
const TAG_BYTES = 32;
const LENGTH = NONCE_BYTES + TIME_BYTES + TAG_BYTES;
/** A cookie issued by a process whose clock runs a little ahead is still accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;

function tag(hashKey: string, kind: AccountKind, accountId: string, nonceAndTime: Buffer): Buffer {
  return createHmac("sha256", hashKey)
    .update(`privet-device-cookie\0${kind}\0${accountId}\0`)
    .update(nonceAndTime)
    .digest();
}

/** A new device cookie's value for this account. */
export function issueDeviceCookie(
  hashKey: string,
  kind: AccountKind,
  accountId: string,
  now: number,
): string {
  const nonceAndTime = Buffer.alloc(NONCE_BYTES + TIME_BYTES);
  randomBytes(NONCE_BYTES).copy(nonceAndTime);
  nonceAndTime.writeUInt32BE(Math.floor(now / 1000), NONCE_BYTES);
  return Buffer.concat([nonceAndTime, tag(hashKey, kind, accountId, nonceAndTime)]).toString(
    "base64url",
  );
}

/**
 * The cookie's nonce (hex) when `value` is a device cookie this server issued for this account
 * and it has not expired; null otherwise (another account's, forged, altered, expired).
 */
export function verifyDeviceCookie(
  hashKey: string,
  kind: AccountKind,
  accountId: string,
  value: string | undefined,
  now: number,
): string | null {
  if (!value) return null;
  const bytes = Buffer.from(value, "base64url");
  if (bytes.length !== LENGTH || bytes.toString("base64url") !== value) return null;
  const nonceAndTime = bytes.subarray(0, NONCE_BYTES + TIME_BYTES);
  const expected = tag(hashKey, kind, accountId, nonceAndTime);
  if (!timingSafeEqual(expected, bytes.subarray(NONCE_BYTES + TIME_BYTES))) return null;
  const issuedAt = nonceAndTime.readUInt32BE(NONCE_BYTES) * 1000;
  if (issuedAt > now + CLOCK_SKEW_MS || now - issuedAt > DEVICE_COOKIE_LIFETIME_MS) return null;
  return nonceAndTime.subarray(0, NONCE_BYTES).toString("hex");
}
