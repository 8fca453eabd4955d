/**
 * What a search-as-you-type picker sends: a few characters, matched anywhere in a name (or an
 * email, a reference). Returned ready for a `contains` match, with LIKE's wildcards escaped so
 * that "%" finds a per-cent sign rather than everything.
 */
import { badInput } from "../errors/app-error.js";

const MAX_LENGTH = 100;
const MAX_MATCHES = 20;

export function searchText(field: string, value: string, min: number): string {
  const trimmed = value.trim();
  if (trimmed.length < min) {
    throw badInput(field, `Type at least ${min} characters to search.`);
  }
  if (trimmed.length > MAX_LENGTH) {
    throw badInput(field, `Search with at most ${MAX_LENGTH} characters.`);
  }
  return trimmed.replace(/[\\%_]/g, "\\$&");
}

/** How many matches a picker may ask for: a short list to choose from, not a listing. */
export function matchCount(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_MATCHES) {
    throw badInput(field, `Ask for 1 to ${MAX_MATCHES} matches.`);
  }
  return value;
}
