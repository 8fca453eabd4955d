/**
 * Verifying Privet's webhooks, which follow the Standard Webhooks specification
 * (https://www.standardwebhooks.com): headers `webhook-id`, `webhook-timestamp` (unix seconds)
 * and `webhook-signature`, a space-separated list of `v1,<base64 HMAC-SHA256>` signatures of
 * `${id}.${timestamp}.${body}` under the endpoint's secret (`whsec_<base64>`; the key is the
 * decoded bytes). Any one matching signature is enough (several appear while a secret rotates).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export class WebhookVerificationError extends Error {
  override readonly name = "WebhookVerificationError";
}

const SECRET_PREFIX = "whsec_";

/** Header names are case-insensitive: a plain object, a Headers, or Node's IncomingHttpHeaders. */
export type WebhookHeaders =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") {
    return (headers as Headers).get(name) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? (value[0] as string | undefined) : (value as string | undefined);
  }
  return undefined;
}

function secretBytes(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length === 0) throw new WebhookVerificationError("The webhook secret is empty.");
  return bytes;
}

/** The base64 `v1` signature of one message: what the sender puts after `v1,`. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return createHmac("sha256", secretBytes(secret))
    .update(`${id}.${timestamp}.${body}`)
    .digest("base64");
}

export interface VerifiedWebhook<T = unknown> {
  /** The `webhook-id`: the same for every retry of one event, so dedupe on it. */
  readonly id: string;
  readonly timestamp: Date;
  readonly payload: T;
}

/**
 * Checks a delivery and returns its parsed payload, or throws WebhookVerificationError. Pass
 * the body exactly as received (bytes or text): re-serialised JSON does not verify.
 */
export function verifyWebhook<T = unknown>(
  secret: string,
  headers: WebhookHeaders,
  rawBody: string | Uint8Array,
  { toleranceSeconds = 300, now = new Date() }: { toleranceSeconds?: number; now?: Date } = {},
): VerifiedWebhook<T> {
  const id = headerOf(headers, "webhook-id");
  const timestampText = headerOf(headers, "webhook-timestamp");
  const signatures = headerOf(headers, "webhook-signature");
  if (!id || !timestampText || !signatures) {
    throw new WebhookVerificationError(
      "Missing webhook-id, webhook-timestamp or webhook-signature header.",
    );
  }
  if (!/^\d{1,12}$/.test(timestampText)) {
    throw new WebhookVerificationError("webhook-timestamp is not a number of seconds.");
  }
  const timestamp = Number(timestampText);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    throw new WebhookVerificationError(
      "webhook-timestamp is outside the tolerance: too old (a replay?) or from the future.",
    );
  }
  const body = typeof rawBody === "string" ? rawBody : Buffer.from(rawBody).toString("utf8");
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body), "base64");
  const matches = signatures.split(" ").some((entry) => {
    const [version, signature] = entry.split(",", 2);
    if (version !== "v1" || !signature) return false;
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookVerificationError("No webhook-signature matches this body.");
  try {
    return { id, timestamp: new Date(timestamp * 1000), payload: JSON.parse(body) as T };
  } catch {
    throw new WebhookVerificationError("The body is not JSON.");
  }
}

/** The events Privet sends (docs/partners.md, "Webhooks"). */
export type PartnerWebhookType =
  | "consent.given"
  | "consent.withdrawn"
  | "subject.erased"
  | "subject.corrected"
  | "agreement.lapsing"
  | "agreement.lapsed"
  | "api_key.revoked";

/** A webhook's payload: `subject` is your pseudonym of the customer (partnerSubjects' id). */
export interface PartnerWebhookPayload {
  readonly type: PartnerWebhookType;
  readonly timestamp: string;
  readonly data: { readonly subject?: string; readonly purpose?: string } & Record<string, unknown>;
}
