/**
 * Cursor pagination over customers in id order (ids are UUIDv7, so this is also roughly the
 * order they registered in). A cursor is opaque to clients: base64url of a marker and the last
 * id of the previous page. Anything that does not decode to exactly that is BAD_USER_INPUT.
 *
 * These plain cursors are for staff's customer list, whose readers are shown the id anyway.
 * Partners must never see a customer's id: partnerSubjects seals its cursors
 * (modules/partners/partner-cursor.ts). Every paged list checks its `first` with pageSize.
 */
import { badInput } from "../errors/app-error.js";
import { isUuid } from "../validation/validate-id.js";

const MARKER = "subject:";

export function encodeSubjectCursor(customerId: string): string {
  return Buffer.from(`${MARKER}${customerId}`, "utf8").toString("base64url");
}

/** The customer id a cursor points after; null when there is no cursor (the first page). */
export function decodeSubjectCursor(
  field: string,
  cursor: string | null | undefined,
): string | null {
  if (cursor === null || cursor === undefined) return null;
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(cursor)
    ? Buffer.from(cursor, "base64url").toString("utf8")
    : "";
  const id = decoded.startsWith(MARKER) ? decoded.slice(MARKER.length) : "";
  // Re-encoding must give the same text, so only cursors this API issued are accepted.
  if (!isUuid(id) || encodeSubjectCursor(id) !== cursor) throw badInput(field, "bad cursor");
  return id;
}

/** `first` within [1, max], or BAD_USER_INPUT. */
export function pageSize(field: string, first: number, max: number): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badInput(field, `${field} must be between 1 and ${max}.`);
  }
  return first;
}

/** Splits the `first + 1` rows a page query fetched into the page and whether more follow. */
export function pageOf<T extends { id: string }>(
  rows: readonly T[],
  first: number,
): { rows: T[]; endCursor: string | null; hasNextPage: boolean } {
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return {
    rows: page,
    endCursor: last ? encodeSubjectCursor(last.id) : null,
    hasNextPage: rows.length > first,
  };
}
