/**
 * The staff's second factor: time-based one-time passwords (RFC 6238 over RFC 4226's HOTP),
 * HMAC-SHA-1, 6 digits, 30-second steps — what every authenticator app speaks — with
 * node:crypto alone. Secrets are 20 random bytes (RFC 4226's recommended 160 bits), shown to
 * the member as base32 and as an otpauth:// URI; at rest they are sealed (AES-256-GCM under a
 * key derived from the server's secret), so a copy of the database does not give the codes.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the step before and after the current one are accepted too (clock drift). */
export const TOTP_WINDOW = 1;

/**
 * The demo administrator's and privacy officer's secret (README, "demo accounts"): public, so
 * it is stored marked as such (DEMO_SEAL_PREFIX) and refused in production.
 */
export const DEMO_TOTP_SECRET = "PRIVETDEMOTOTPSECRETAAAAAAAAAAAA";
const DEMO_SEAL_PREFIX = "demo:";
const SEAL_PREFIX = "v1.";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Base32 as authenticator apps print it: case, spaces and padding ignored. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new RangeError("not base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret, as base32 (32 characters). */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The 30-second step a time falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** RFC 4226's HOTP of a counter, with a key given as bytes (the RFC's vectors are ASCII keys). */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The code of a base32 secret at a step. */
export function totpCode(secret: string, step: number): string {
  return hotp(base32Decode(secret), step);
}

/**
 * The step whose code this is, within ±TOTP_WINDOW of `at`; null when none matches. The caller
 * refuses a step at or before the last one it accepted (replay).
 */
export function matchTotpStep(secret: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = base32Decode(secret);
  const current = totpStep(at);
  let found: number | null = null;
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    // Every candidate is compared, in constant time, so timing says nothing of which matched.
    const same = timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code));
    if (same && found === null) found = step;
  }
  return found;
}

/** The otpauth:// URI an authenticator app reads (Key URI Format), for a QR code or a link. */
export function otpauthUri(secret: string, issuer: string, account: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret,
    issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}

function sealKey(serverSecret: string): Buffer {
  // A key of its own, derived from the server's secret (as the cursors' is): never the secret itself.
  return createHmac("sha256", serverSecret).update("privet:totp-secret-seal:v1").digest();
}

/** A secret sealed for storage: "v1." + base64url(iv ‖ ciphertext ‖ tag). */
export function sealTotpSecret(secret: string, serverSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(serverSecret), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return SEAL_PREFIX + Buffer.concat([iv, body]).toString("base64url");
}

/** The demo accounts' public secret, marked as such (the seed writes it). */
export function demoSealedTotpSecret(): string {
  return DEMO_SEAL_PREFIX + DEMO_TOTP_SECRET;
}

/**
 * A stored secret in clear, for one check; null when it cannot be opened (another server
 * secret, a damaged value, or the public demo secret in production).
 */
export function openTotpSecret(
  sealed: string,
  serverSecret: string,
  options: { readonly allowDemo: boolean },
): string | null {
  if (sealed.startsWith(DEMO_SEAL_PREFIX)) {
    return options.allowDemo ? sealed.slice(DEMO_SEAL_PREFIX.length) : null;
  }
  if (!sealed.startsWith(SEAL_PREFIX)) return null;
  try {
    const raw = Buffer.from(sealed.slice(SEAL_PREFIX.length), "base64url");
    const iv = raw.subarray(0, 12);
    const tag = raw.subarray(raw.length - 16);
    const decipher = createDecipheriv("aes-256-gcm", sealKey(serverSecret), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(raw.subarray(12, raw.length - 16)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}
