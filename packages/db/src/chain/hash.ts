/**
 * Hash chains for append-only logs (the consent ledger and the audit log). Each row's hash
 * covers its own content and the previous row's hash in the same chain, so rewriting or
 * forging any row breaks every link after it.
 */
import { createHash, createHmac } from "node:crypto";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every depth: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value as Json));
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const sorted: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const inner = value[key];
      if (inner !== undefined) sorted[key] = sortKeys(inner);
    }
    return sorted;
  }
  return value;
}

export function chainHash(previousHash: string | null, content: Record<string, unknown>): string {
  return createHash("sha256")
    .update(previousHash ?? "genesis")
    .update("\n")
    .update(canonicalJson(content))
    .digest("hex");
}

/**
 * A keyed hash (HMAC-SHA-256) of an identifier such as an IP address. Logs keep this instead
 * of the value: equal inputs can be matched, but the value cannot be recovered or guessed
 * from a list of all IPv4 addresses without the key.
 */
export function keyedHash(value: string, key: string): string {
  if (key.length < 16) throw new Error("the hash key must be at least 16 characters");
  return createHmac("sha256", key).update(value).digest("hex");
}

/** The first broken link of a chain, as reported by a verifier. */
export interface BrokenLink {
  readonly eventId: string;
  readonly chain: string;
  readonly sequence: number;
  readonly problem: "HASH_MISMATCH" | "PREVIOUS_HASH_MISMATCH" | "SEQUENCE_GAP" | "HEAD_MISMATCH";
}

export type ChainVerification =
  | { readonly ok: true; readonly checked: number }
  | { readonly ok: false; readonly checked: number; readonly firstBroken: BrokenLink };

interface ChainRow {
  readonly id: string;
  readonly sequence: number;
  readonly previousHash: string | null;
  readonly hash: string;
}

/**
 * Walks rows ordered by (chain, sequence) and reports the first link that does not hold.
 * `contentOf` must rebuild exactly the content that was hashed when the row was written.
 */
export function verifyRows<Row extends ChainRow>(
  rows: Iterable<Row>,
  chainOf: (row: Row) => string,
  contentOf: (row: Row) => Record<string, unknown>,
  state: { chain: string | null; previous: Row | null; checked: number },
): BrokenLink | null {
  for (const row of rows) {
    const chain = chainOf(row);
    const previous = state.chain === chain ? state.previous : null;
    const expectedSequence = previous ? previous.sequence + 1 : 1;
    const link = (problem: BrokenLink["problem"]): BrokenLink => ({
      eventId: row.id,
      chain,
      sequence: row.sequence,
      problem,
    });
    if (row.sequence !== expectedSequence) return link("SEQUENCE_GAP");
    if (row.previousHash !== (previous?.hash ?? null)) return link("PREVIOUS_HASH_MISMATCH");
    if (chainHash(row.previousHash, contentOf(row)) !== row.hash) return link("HASH_MISMATCH");
    state.chain = chain;
    state.previous = row;
    state.checked += 1;
  }
  return null;
}
