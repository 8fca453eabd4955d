import { createHash, randomBytes } from "node:crypto";

/** An opaque random token (session, visitor cookie ID, partner key body). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Tokens are stored only as their SHA-256, so a database leak does not leak sessions or keys. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
