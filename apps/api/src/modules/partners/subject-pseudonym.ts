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
import {
  type Cipher,
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  type Decipher,
} from "node:crypto";
import { isUuid } from "../../validation/validate-id.js";

/**
 * A processor's cipher and decipher, made once: ECB has no state from one block to the next,
 * and without padding `update` turns each 16-byte block into its 16 bytes at once, so one
 * object serves every pseudonym (each call is synchronous). Making them per pseudonym cost
 * ~4% of a consentCheck's CPU (OpenSSL context set-up), and a page of 100 subjects made 100.
 * `final()` is never called: it would end the object.
 */
interface ProcessorCiphers {
  readonly cipher: Cipher;
  readonly decipher: Decipher;
}

const ciphers = new Map<string, ProcessorCiphers>();
const MAX_CACHED_KEYS = 1_000;

/** The processor's own key and ciphers; made once per processor and secret (a handful). */
function processorCiphers(processorId: string, hashKey: string): ProcessorCiphers {
  const cacheKey = `${hashKey}\u0000${processorId}`;
  let found = ciphers.get(cacheKey);
  if (!found) {
    const master = createHash("sha256").update(`privet-subject-pseudonym:${hashKey}`).digest();
    const key = createHmac("sha256", master).update(processorId).digest();
    found = {
      cipher: createCipheriv("aes-256-ecb", key, null).setAutoPadding(false),
      decipher: createDecipheriv("aes-256-ecb", key, null).setAutoPadding(false),
    };
    if (ciphers.size >= MAX_CACHED_KEYS) ciphers.clear();
    ciphers.set(cacheKey, found);
  }
  return found;
}

/** The processor's pseudonym for a customer id (a UUID). */
export function subjectPseudonym(processorId: string, customerId: string, hashKey: string): string {
  const block = Buffer.from(customerId.replaceAll("-", ""), "hex");
  return toLetters(processorCiphers(processorId, hashKey).cipher.update(block));
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
  const hex = processorCiphers(processorId, hashKey)
    .decipher.update(fromLetters(pseudonym))
    .toString("hex");
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return isUuid(id) ? id : null;
}
