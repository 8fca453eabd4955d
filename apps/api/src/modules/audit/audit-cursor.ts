/**
 * Opaque cursors over the audit trail, newest first: base64url of a marker, the event's time
 * (milliseconds, as stored), its record id and its position in the record. Anything that does
 * not decode to exactly that (and re-encode to the same text) is BAD_USER_INPUT.
 */
import { badInput } from "../../errors/app-error.js";
import { isUuid } from "../../validation/validate-id.js";

const MARKER = "audit";

export interface AuditPosition {
  readonly occurredAt: Date;
  readonly recordId: string;
  readonly position: number;
}

export function encodeAuditCursor(at: AuditPosition): string {
  const text = `${MARKER}|${at.occurredAt.getTime()}|${at.recordId}|${at.position}`;
  return Buffer.from(text, "utf8").toString("base64url");
}

export function decodeAuditCursor(
  field: string,
  cursor: string | null | undefined,
): AuditPosition | null {
  if (cursor === null || cursor === undefined) return null;
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(cursor)
    ? Buffer.from(cursor, "base64url").toString("utf8")
    : "";
  const [marker, millis, recordId = "", position, ...rest] = decoded.split("|");
  const at = {
    occurredAt: new Date(Number(millis)),
    recordId,
    position: Number(position),
  };
  const valid =
    marker === MARKER &&
    rest.length === 0 &&
    /^\d{1,15}$/.test(millis ?? "") &&
    /^[1-9]\d{0,8}$/.test(position ?? "") &&
    isUuid(recordId) &&
    encodeAuditCursor(at) === cursor;
  if (!valid) throw badInput(field, "bad cursor");
  return at;
}
