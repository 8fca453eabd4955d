/**
 * The cursors of partnerSubjects. Pages follow the customer id order, so a cursor has to carry
 * the last customer id of a page; handed out in the clear (as staff cursors are, see
 * pagination/subject-cursor.ts) it would give every partner each customer's stable internal
 * id, something it could join on with other processors. So the id is sealed
 * (pagination/sealed-cursor.ts) with the processor's id in its scope: a cursor works only for
 * the processor it was issued to. Anything that does not open is BAD_USER_INPUT "bad cursor".
 */
import { badInput } from "../../errors/app-error.js";
import { openCursorText, sealCursorText } from "../../pagination/sealed-cursor.js";
import { isUuid } from "../../validation/validate-id.js";

/** The key's label: cursors issued before the sealing was shared keep opening. */
const KEY_LABEL = "privet-cursor";

function scope(processorId: string): string {
  return `partnerSubjects:${processorId}`;
}

/** A cursor pointing after `customerId`, readable only by this API and only for `processorId`. */
export function sealSubjectCursor(
  customerId: string,
  processorId: string,
  hashKey: string,
): string {
  return sealCursorText(customerId, KEY_LABEL, scope(processorId), hashKey);
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
  const id = openCursorText(cursor, KEY_LABEL, scope(processorId), hashKey);
  if (id === null || !isUuid(id)) throw badInput(field, "bad cursor");
  return id;
}
