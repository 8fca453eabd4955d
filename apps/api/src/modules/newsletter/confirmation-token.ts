/**
 * The newsletter's confirmation link (double opt-in): a token that names the subscriber, when
 * it expires and the last consent event of the subscriber at the time it was sent, under an
 * HMAC with the server's secret. Nothing is stored beside it. It works once: confirming
 * appends a consent event, after which the event it names is no longer the last one (and so
 * does any other change of the subscriber's consent meanwhile, an unsubscribe included).
 * Base64url: 16 bytes of subscriber id, 6 of expiry (ms), 6 of sequence, 32 of HMAC.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const PURPOSE = "privet/newsletter-confirmation/v1\n";
const TOKEN = /^[A-Za-z0-9_-]{80}$/;

export interface ConfirmationClaim {
  readonly subscriberId: string;
  readonly expiresAt: Date;
  /** The subscriber's last consent event's sequence when the link was sent; 0 for none. */
  readonly lastSequence: number;
}

function mac(payload: Buffer, key: string): Buffer {
  return createHmac("sha256", key).update(PURPOSE).update(payload).digest();
}

export function confirmationToken(claim: ConfirmationClaim, key: string): string {
  const id = Buffer.from(claim.subscriberId.replace(/-/g, ""), "hex");
  if (id.length !== 16) throw new Error("a subscriber id is a UUID");
  const numbers = Buffer.alloc(12);
  numbers.writeUIntBE(claim.expiresAt.getTime(), 0, 6);
  numbers.writeUIntBE(claim.lastSequence, 6, 6);
  const payload = Buffer.concat([id, numbers]);
  return Buffer.concat([payload, mac(payload, key)]).toString("base64url");
}

/** What a genuine token claims (expired or not), or null for anything else. */
export function readConfirmationToken(token: unknown, key: string): ConfirmationClaim | null {
  if (typeof token !== "string" || !TOKEN.test(token)) return null;
  const bytes = Buffer.from(token, "base64url");
  if (bytes.length !== 60) return null;
  const payload = bytes.subarray(0, 28);
  if (!timingSafeEqual(bytes.subarray(28), mac(payload, key))) return null;
  const hex = payload.subarray(0, 16).toString("hex");
  return {
    subscriberId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    expiresAt: new Date(payload.readUIntBE(16, 6)),
    lastSequence: payload.readUIntBE(22, 6),
  };
}
