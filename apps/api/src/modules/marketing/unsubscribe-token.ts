/**
 * The one-click unsubscribe token (P-08): the campaign email's id and an HMAC of it under the
 * server's secret. It names neither the customer nor the address (the email id is a random
 * UUID, shared only with the email itself); it cannot be forged or altered without the secret;
 * nothing needs storing beside it. Base64url, 64 characters: 16 bytes of id, 32 of HMAC.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const PURPOSE = "privet/unsubscribe/v1\n";
const TOKEN = /^[A-Za-z0-9_-]{64}$/;

function mac(id: Buffer, key: string): Buffer {
  return createHmac("sha256", key).update(PURPOSE).update(id).digest();
}

export function unsubscribeToken(emailId: string, key: string): string {
  const id = Buffer.from(emailId.replace(/-/g, ""), "hex");
  if (id.length !== 16) throw new Error("an outbox email id is a UUID");
  return Buffer.concat([id, mac(id, key)]).toString("base64url");
}

/** The email id a genuine token names, or null for anything else. */
export function readUnsubscribeToken(token: unknown, key: string): string | null {
  if (typeof token !== "string" || !TOKEN.test(token)) return null;
  const bytes = Buffer.from(token, "base64url");
  if (bytes.length !== 48) return null;
  const id = bytes.subarray(0, 16);
  if (!timingSafeEqual(bytes.subarray(16), mac(id, key))) return null;
  const hex = id.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
