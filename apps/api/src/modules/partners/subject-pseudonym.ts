/**
 * The id a processor sees for a customer (PartnerSubject.id, and what it passes back to
 * consentCheck): the customer's UUID encrypted as one AES-256 block under a key of that
 * processor's own, derived from the API's secret. One block of a block cipher under a secret
 * key is a pseudorandom permutation: stable for one processor, unrelated across processors,
 * revealing nothing of the id — as a keyed hash would — but the API can turn it back into the
 * customer's id with one decryption, so a check by pseudonym is one index lookup rather than a
 * search. (ECB's weakness, equal blocks giving equal ciphertext, needs several blocks: a UUID
 * is exactly one.)
 *
 * Written as 32 letters a–p, one per half-byte, never digits: partners send it back as an
 * argument, and the input guard refuses any argument holding a run of digits that passes for a
 * card number (P-03) — a hex pseudonym did, about once in a few hundred.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac } from "node:crypto";
import { isUuid } from "../../validation/validate-id.js";

const keys = new Map<string, Buffer>();
const MAX_CACHED_KEYS = 1_000;

/** The processor's own key; derived once per processor and secret (a handful in practice). */
function processorKey(processorId: string, hashKey: string): Buffer {
  const cacheKey = `${hashKey}\u0000${processorId}`;
  let key = keys.get(cacheKey);
  if (!key) {
    const master = createHash("sha256").update(`privet-subject-pseudonym:${hashKey}`).digest();
    key = createHmac("sha256", master).update(processorId).digest();
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    keys.set(cacheKey, key);
  }
  return key;
}

/** The processor's pseudonym for a customer id (a UUID). */
export function subjectPseudonym(processorId: string, customerId: string, hashKey: string): string {
  const cipher = createCipheriv("aes-256-ecb", processorKey(processorId, hashKey), null);
  cipher.setAutoPadding(false);
  const block = Buffer.from(customerId.replaceAll("-", ""), "hex");
  return toLetters(Buffer.concat([cipher.update(block), cipher.final()]));
}

const LETTERS = "abcdefghijklmnop";

function toLetters(bytes: Buffer): string {
  let text = "";
  for (const byte of bytes) text += (LETTERS[byte >> 4] ?? "") + (LETTERS[byte & 15] ?? "");
  return text;
}

function fromLetters(text: string): Buffer {
  const bytes = Buffer.alloc(text.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (LETTERS.indexOf(text[2 * i] ?? "") << 4) | LETTERS.indexOf(text[2 * i + 1] ?? "");
  }
  return bytes;
}

/** The customer id behind a processor's pseudonym; null when it is not one in form. */
export function openSubjectPseudonym(
  processorId: string,
  pseudonym: string,
  hashKey: string,
): string | null {
  if (!/^[a-p]{32}$/.test(pseudonym)) return null;
  const decipher = createDecipheriv("aes-256-ecb", processorKey(processorId, hashKey), null);
  decipher.setAutoPadding(false);
  const hex = Buffer.concat([decipher.update(fromLetters(pseudonym)), decipher.final()]).toString(
    "hex",
  );
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return isUuid(id) ? id : null;
}
