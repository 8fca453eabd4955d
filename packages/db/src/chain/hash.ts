/**
 * Hash chains for append-only logs (the consent ledger and the audit log). Each row's hash
 * covers its own content and the previous row's hash in the same chain, so rewriting or
 * forging any row breaks every link after it.
 */
import { createHash, createHmac } from "node:crypto";

/**
 * JSON with object keys sorted at every depth: the same content always hashes the same. A
 * bigint (a 64-bit chain sequence) is written as its digits, exactly as JSON writes a number
 * of the same value, so a sequence hashes alike whether it was read as a number or a bigint.
 * Otherwise byte for byte what JSON.stringify writes for a copy with sorted keys (hashes made
 * before bigints must still verify): undefined and functions are left out of objects and
 * written as null in arrays, non-finite numbers as null, integer-like keys first; toJSON is not
 * consulted.
 */
export function canonicalJson(value: unknown): string {
  return writeJson(value) ?? "null";
}

function writeJson(value: unknown): string | undefined {
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => writeJson(item) ?? "null").join(",")}]`;
  // Keys go into a fresh object in sorted order and are read back in its own order, as the
  // original did: that puts integer-like keys ("9", "10") first, in numeric order.
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(value).sort()) {
    const inner = writeJson((value as Record<string, unknown>)[key]);
    if (inner !== undefined) sorted[key] = inner;
  }
  return `{${Object.keys(sorted)
    .map((key) => `${JSON.stringify(key)}:${sorted[key]}`)
    .join(",")}}`;
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
  /**
   * The entry's place in its chain. Stored as a 64-bit integer; a number here is exact up to
   * 2^53 - 1 entries per chain, which no chain can reach (a million writes a second for 285
   * years).
   */
  readonly sequence: number;
  readonly problem: ChainProblem;
}

/**
 * How a chain is broken, as the verifiers report it:
 * - HASH_MISMATCH: an entry's content no longer matches its hash (rewritten).
 * - PREVIOUS_HASH_MISMATCH: an entry does not link to its predecessor (forged, reordered).
 * - SEQUENCE_GAP: an entry is missing before this one (deleted).
 * - HEAD_MISMATCH: the chain's newest entry is not its head (the newest deleted, or one
 *   appended behind the trigger's back).
 * - HEAD_MISSING: the chain has entries but no head (the head deleted, not written since).
 * - HEAD_WITHOUT_ENTRIES: a head whose chain has no entries (all deleted, or a forged head);
 *   eventId is empty, sequence is the head's.
 * - HEAD_REBUILT: the head was missing, or behind its chain, and the insert trigger rebuilt
 *   it from the newest entry (rebuiltAt): writes went on, the tampering stays reported.
 * - CHECKPOINT_MISMATCH: the entry a checkpoint vouched for (its sequence and hash) is gone or
 *   has another hash: the chain was cut back or rewritten after it was verified.
 * - CHECKPOINT_UNTRUSTED: the history's checkpoints do not match their signed seal (edited or
 *   forged in the database, or sealed with another key); sequence 0, chain and eventId empty.
 * - CURRENT_MISMATCH (consent ledger): a ConsentCurrent row does not match the newest event
 *   of its subject and purpose (another event, state, source or policy version, or none).
 * - CURRENT_MISSING (consent ledger): a subject and purpose with events but no ConsentCurrent
 *   row.
 */
export type ChainProblem =
  | "HASH_MISMATCH"
  | "PREVIOUS_HASH_MISMATCH"
  | "SEQUENCE_GAP"
  | "HEAD_MISMATCH"
  | "HEAD_MISSING"
  | "HEAD_WITHOUT_ENTRIES"
  | "HEAD_REBUILT"
  | "CHECKPOINT_MISMATCH"
  | "CHECKPOINT_UNTRUSTED"
  | "CURRENT_MISMATCH"
  | "CURRENT_MISSING";

export type ChainVerification =
  | { readonly ok: true; readonly checked: number }
  | { readonly ok: false; readonly checked: number; readonly firstBroken: BrokenLink };

interface ChainRow {
  readonly id: string;
  readonly sequence: bigint;
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
    const expectedSequence = previous ? previous.sequence + 1n : 1n;
    const link = (problem: BrokenLink["problem"]): BrokenLink => ({
      eventId: row.id,
      chain,
      sequence: Number(row.sequence),
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
