/**
 * Sealed cursors: a page's position as text, encrypted with AES-256-GCM under a key derived
 * from the API's secret, a fresh random IV each time (the same position never gives the same
 * cursor twice) and a scope as associated data (a cursor opens only for the list it was issued
 * for: one processor's partnerSubjects, one person's access log). The cursor is base64url of
 * iv ‖ tag ‖ ciphertext. It is opaque, cannot be edited or forged, and carries no id in the
 * clear. Whatever went wrong, a cursor that does not open is simply null here, so callers give
 * one error ("bad cursor") and a failed attempt teaches nothing.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Positions are well under 100 bytes of text; anything much longer was not issued here. */
const MAX_CURSOR_CHARS = 200;

const keys = new Map<string, Buffer>();

/** A key of its own per kind of cursor (never the hash key itself), derived once. */
function cursorKey(keyLabel: string, hashKey: string): Buffer {
  const cacheKey = `${keyLabel}:${hashKey}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = createHash("sha256").update(cacheKey).digest();
    if (keys.size >= 100) keys.clear();
    keys.set(cacheKey, key);
  }
  return key;
}

/** Seals `text` for `scope`; `keyLabel` names the kind of cursor (each has its own key). */
export function sealCursorText(
  text: string,
  keyLabel: string,
  scope: string,
  hashKey: string,
): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", cursorKey(keyLabel, hashKey), iv);
  cipher.setAAD(Buffer.from(scope, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
}

/** The text a cursor sealed for `scope` holds, or null if it is not one this API issued. */
export function openCursorText(
  cursor: string,
  keyLabel: string,
  scope: string,
  hashKey: string,
): string | null {
  if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const bytes = Buffer.from(cursor, "base64url");
  // Node's decoder ignores stray trailing bits; only the canonical text of these bytes counts.
  if (bytes.toString("base64url") !== cursor) return null;
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      cursorKey(keyLabel, hashKey),
      bytes.subarray(0, IV_BYTES),
      { authTagLength: TAG_BYTES },
    );
    decipher.setAAD(Buffer.from(scope, "utf8"));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    // Authentication failed: not a cursor this API issued for this scope.
    return null;
  }
}
