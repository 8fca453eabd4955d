/**
 * Cursors over a history read newest first (a person's access log, their data export): the
 * position of the last event of a page, as (time, record id, position in the record), the
 * key that history pages by (AccessRecordSubject, then the record's reads).
 *
 * Sealed like partnerSubjects' cursors (modules/partners/partner-cursor.ts): AES-256-GCM under
 * a key derived from the API's secret, a fresh IV each time, and a scope as associated data
 * (e.g. "accessLog:<subject id>"), so a cursor is opaque, cannot be edited or forged, and works
 * only for the list it was issued for. Anything that does not open is BAD_USER_INPUT
 * "bad cursor", whatever went wrong.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { badInput } from "../errors/app-error.js";
import { isUuid } from "../validation/validate-id.js";

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A position is under 70 bytes of text; anything much longer was not issued here. */
const MAX_CURSOR_CHARS = 200;

export interface HistoryPosition {
  readonly occurredAt: Date;
  readonly recordId: string;
  /** 1-based place of the event among its record's reads. */
  readonly position: number;
}

/** A key of its own (not the partner cursors' nor the hash key itself). */
function cursorKey(hashKey: string): Buffer {
  return createHash("sha256").update(`privet-history-cursor:${hashKey}`).digest();
}

export function sealHistoryCursor(at: HistoryPosition, scope: string, hashKey: string): string {
  const text = `${at.occurredAt.getTime()}|${at.recordId}|${at.position}`;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", cursorKey(hashKey), iv);
  cipher.setAAD(Buffer.from(scope, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
}

/** The position a cursor points after; null when there is none (the first page). */
export function openHistoryCursor(
  field: string,
  cursor: string | null | undefined,
  scope: string,
  hashKey: string,
): HistoryPosition | null {
  if (cursor === null || cursor === undefined) return null;
  const at = tryOpen(cursor, scope, hashKey);
  if (at === null) throw badInput(field, "bad cursor");
  return at;
}

function tryOpen(cursor: string, scope: string, hashKey: string): HistoryPosition | null {
  if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const bytes = Buffer.from(cursor, "base64url");
  if (bytes.toString("base64url") !== cursor) return null;
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  let text: string;
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      cursorKey(hashKey),
      bytes.subarray(0, IV_BYTES),
      { authTagLength: TAG_BYTES },
    );
    decipher.setAAD(Buffer.from(scope, "utf8"));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    text = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    // Authentication failed: not a cursor this API issued for this list.
    return null;
  }
  const [millis = "", recordId = "", position = "", ...rest] = text.split("|");
  if (rest.length > 0 || !/^\d{1,15}$/.test(millis) || !/^[1-9]\d{0,8}$/.test(position)) {
    return null;
  }
  if (!isUuid(recordId)) return null;
  return { occurredAt: new Date(Number(millis)), recordId, position: Number(position) };
}
