import { keyedHash } from "@privet/db/ledger";

/** The pseudonymous ID a processor sees for a visitor cookie: stable for it, useless to others. */
export function partnerPseudonym(processorId: string, cookieId: string, hashKey: string): string {
  return keyedHash(`${processorId}:${cookieId}`, hashKey).slice(0, 32);
}
