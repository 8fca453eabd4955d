/**
 * Opaque cursors over the audit trail: base64url of a marker (which also names the order the
 * page was read in, so a cursor of one order is refused in the other), the event's time
 * (milliseconds, as stored), its record id and its position in the record. Anything that does
 * not decode to exactly that (and re-encode to the same text) is BAD_USER_INPUT.
 */
import type { TimeOrder } from "@privet/domain/staff-actions";
import { badInput } from "../../errors/app-error.js";
import { isUuid } from "../../validation/validate-id.js";

const MARKERS: Record<TimeOrder, string> = { NEWEST_FIRST: "audit", OLDEST_FIRST: "audit-asc" };

export interface AuditPosition {
  readonly occurredAt: Date;
  readonly recordId: string;
  readonly position: number;
}

export function encodeAuditCursor(at: AuditPosition, order: TimeOrder = "NEWEST_FIRST"): string {
  const text = `${MARKERS[order]}|${at.occurredAt.getTime()}|${at.recordId}|${at.position}`;
  return Buffer.from(text, "utf8").toString("base64url");
}

export function decodeAuditCursor(
  field: string,
  cursor: string | null | undefined,
  order: TimeOrder = "NEWEST_FIRST",
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
    marker === MARKERS[order] &&
    rest.length === 0 &&
    /^\d{1,15}$/.test(millis ?? "") &&
    /^[1-9]\d{0,8}$/.test(position ?? "") &&
    isUuid(recordId) &&
    encodeAuditCursor(at, order) === cursor;
  if (!valid) throw badInput(field, "bad cursor");
  return at;
}
