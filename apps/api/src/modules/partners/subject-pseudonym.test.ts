/**
 * The processor's pseudonym of a customer: reversible only with the server's secret and the
 * processor's id, different for every processor, and never a string the input guard would
 * take for a card number (partners send it back to consentCheck).
 */
import { createCipheriv, createHash, createHmac, randomUUID } from "node:crypto";
import { containsCardNumber } from "@privet/domain/card-number";
import { describe, expect, it } from "vitest";
import { openSubjectPseudonym, subjectPseudonym } from "./subject-pseudonym.js";

const KEY = "k".repeat(64);

describe("subjectPseudonym", () => {
  it("opens back to the customer's id for the same processor and secret only", () => {
    const id = randomUUID();
    const a = subjectPseudonym("processor-a", id, KEY);
    expect(a).toMatch(/^[a-p]{32}$/);
    expect(subjectPseudonym("processor-a", id, KEY)).toBe(a);
    expect(openSubjectPseudonym("processor-a", a, KEY)).toBe(id);
    expect(subjectPseudonym("processor-b", id, KEY)).not.toBe(a);
    expect(openSubjectPseudonym("processor-b", a, KEY)).not.toBe(id);
    expect(openSubjectPseudonym("processor-a", a, "x".repeat(64))).not.toBe(id);
  });

  it("is the same block as a fresh one-shot encryption, however many ids the reused cipher saw before", () => {
    // One cipher object per processor serves every id (ECB keeps no state between blocks):
    // each answer must equal what a new cipher gives, interleaved across processors.
    const master = createHash("sha256").update(`privet-subject-pseudonym:${KEY}`).digest();
    const fresh = (processor: string, id: string) => {
      const key = createHmac("sha256", master).update(processor).digest();
      const cipher = createCipheriv("aes-256-ecb", key, null).setAutoPadding(false);
      const block = Buffer.concat([
        cipher.update(Buffer.from(id.replaceAll("-", ""), "hex")),
        cipher.final(),
      ]);
      return [...block]
        .map((b) => "abcdefghijklmnop".charAt(b >> 4) + "abcdefghijklmnop".charAt(b & 15))
        .join("");
    };
    for (let i = 0; i < 300; i++) {
      const processor = i % 3 === 0 ? "processor-a" : "processor-b";
      const id = randomUUID();
      const pseudonym = subjectPseudonym(processor, id, KEY);
      expect(pseudonym).toBe(fresh(processor, id));
      expect(openSubjectPseudonym(processor, pseudonym, KEY)).toBe(id);
    }
  });

  it("refuses what is not a pseudonym in form", () => {
    for (const text of ["", "abc", "A".repeat(32), "0".repeat(32), `${"a".repeat(31)}q`]) {
      expect(openSubjectPseudonym("processor-a", text, KEY)).toBeNull();
    }
  });

  it("[P-03] never contains a run of digits the input guard would refuse as a card number", () => {
    for (let i = 0; i < 2_000; i++) {
      const pseudonym = subjectPseudonym("processor-a", randomUUID(), KEY);
      expect(/\d/.test(pseudonym)).toBe(false);
      expect(containsCardNumber(pseudonym)).toBe(false);
    }
  });
});
