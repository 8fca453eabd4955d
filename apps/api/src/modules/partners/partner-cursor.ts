/**
 * The cursors of partnerSubjects. Pages follow the customer id order, so a cursor has to carry
 * the last customer id of a page; handed out in the clear (as staff cursors are, see
 * pagination/subject-cursor.ts) it would give every partner each customer's stable internal
 * id, something it could join on with other processors. So the id is sealed: AES-256-GCM under
 * a key derived from the API's secret, with a fresh random IV each time (the same position
 * never gives the same cursor twice) and the processor's id as associated data (a cursor works
 * only for the processor it was issued to). The cursor is base64url of iv ‖ tag ‖ ciphertext;
 * anything that does not open is BAD_USER_INPUT "bad cursor", whatever went wrong, so a failed
 * attempt teaches nothing.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { badInput } from "../../errors/app-error.js";
import { isUuid } from "../../validation/validate-id.js";

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A UUID is 36 bytes of text; anything much longer was not issued here. */
const MAX_CURSOR_CHARS = 200;

/** A key of its own (never the hash key itself), so a cursor reveals nothing about the secret. */
function cursorKey(hashKey: string): Buffer {
  return createHash("sha256").update(`privet-cursor:${hashKey}`).digest();
}

function associatedData(processorId: string): Buffer {
  return Buffer.from(`partnerSubjects:${processorId}`, "utf8");
}

/** A cursor pointing after `customerId`, readable only by this API and only for `processorId`. */
export function sealSubjectCursor(
  customerId: string,
  processorId: string,
  hashKey: string,
): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", cursorKey(hashKey), iv);
  cipher.setAAD(associatedData(processorId));
  const ciphertext = Buffer.concat([cipher.update(customerId, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
}

/**
 * The customer id a cursor points after; null when there is no cursor (the first page). A
 * tampered, truncated, re-encoded or foreign cursor (another key, another processor) is
 * BAD_USER_INPUT on `field`.
 */
export function openSubjectCursor(
  field: string,
  cursor: string | null | undefined,
  processorId: string,
  hashKey: string,
): string | null {
  if (cursor === null || cursor === undefined) return null;
  const id = tryOpen(cursor, processorId, hashKey);
  if (id === null) throw badInput(field, "bad cursor");
  return id;
}

function tryOpen(cursor: string, processorId: string, hashKey: string): string | null {
  if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const bytes = Buffer.from(cursor, "base64url");
  // Node's decoder ignores stray trailing bits; only the canonical text of these bytes counts.
  if (bytes.toString("base64url") !== cursor) return null;
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      cursorKey(hashKey),
      bytes.subarray(0, IV_BYTES),
      { authTagLength: TAG_BYTES },
    );
    decipher.setAAD(associatedData(processorId));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const id = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
    return isUuid(id) ? id : null;
  } catch {
    // Authentication failed: not a cursor this API issued for this processor.
    return null;
  }
}
