import { badInput } from "../errors/app-error.js";
import { chooseMessage } from "./field-words.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * A record id as the API hands them out (a UUID). Checked before it reaches the database, so a
 * malformed id is a BAD_USER_INPUT naming the field, not a database error.
 */
export function validateId(field: string, value: string): string {
  const trimmed = value.trim().toLowerCase();
  if (!isUuid(trimmed)) throw badInput(field, chooseMessage(field));
  return trimmed;
}
