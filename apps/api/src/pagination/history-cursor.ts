/**
 * Cursors over a history read newest first (a person's access log, their data export): the
 * position of the last event of a page, as (time, record id, position in the record), the
 * key that history pages by (AccessRecordSubject, then the record's reads).
 *
 * Sealed (sealed-cursor.ts) with a scope such as "accessLog:<subject id>", so a cursor is
 * opaque, cannot be edited or forged, and works only for the list it was issued for. Anything
 * that does not open is BAD_USER_INPUT "bad cursor", whatever went wrong.
 */
import { badInput } from "../errors/app-error.js";
import { isUuid } from "../validation/validate-id.js";
import { openCursorText, sealCursorText } from "./sealed-cursor.js";

/** A key of its own (not the partner cursors' nor the hash key itself). */
const KEY_LABEL = "privet-history-cursor";

export interface HistoryPosition {
  readonly occurredAt: Date;
  readonly recordId: string;
  /** 1-based place of the event among its record's reads. */
  readonly position: number;
}

export function sealHistoryCursor(at: HistoryPosition, scope: string, hashKey: string): string {
  const text = `${at.occurredAt.getTime()}|${at.recordId}|${at.position}`;
  return sealCursorText(text, KEY_LABEL, scope, hashKey);
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
  const text = openCursorText(cursor, KEY_LABEL, scope, hashKey);
  if (text === null) return null;
  const [millis = "", recordId = "", position = "", ...rest] = text.split("|");
  if (rest.length > 0 || !/^\d{1,15}$/.test(millis) || !/^[1-9]\d{0,8}$/.test(position)) {
    return null;
  }
  if (!isUuid(recordId)) return null;
  return { occurredAt: new Date(Number(millis)), recordId, position: Number(position) };
}
