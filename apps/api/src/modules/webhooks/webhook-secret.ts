/**
 * Webhook signing secrets and signatures, as Standard Webhooks defines them: the secret is
 * `whsec_` + base64 of 32 random bytes (shown to the administrator once), and a message is
 * signed `v1,` + base64(HMAC-SHA256(secret bytes, `${id}.${timestamp}.${body}`)).
 *
 * The server must sign with the secret, so unlike an API key it cannot keep only a hash: it
 * keeps the secret sealed with AES-256-GCM under a key derived from PRIVET_SECRET (as staff
 * TOTP secrets are), and a database read alone does not give it away.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";
const SEAL_PREFIX = "v1.";

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

function sealKey(serverSecret: string): Buffer {
  return createHash("sha256").update(`privet-webhook-secret:${serverSecret}`).digest();
}

export function sealWebhookSecret(secret: string, serverSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(serverSecret), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return SEAL_PREFIX + Buffer.concat([iv, body]).toString("base64url");
}

/** The secret in clear for one signature; null when it cannot be opened (another server secret). */
export function openWebhookSecret(sealed: string, serverSecret: string): string | null {
  if (!sealed.startsWith(SEAL_PREFIX)) return null;
  try {
    const raw = Buffer.from(sealed.slice(SEAL_PREFIX.length), "base64url");
    const decipher = createDecipheriv("aes-256-gcm", sealKey(serverSecret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([
      decipher.update(raw.subarray(12, raw.length - 16)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}

/** The `webhook-signature` header's value for one message. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return `v1,${mac}`;
}
