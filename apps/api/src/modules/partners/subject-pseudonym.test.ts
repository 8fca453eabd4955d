/**
 * The processor's pseudonym of a customer: reversible only with the server's secret and the
 * processor's id, different for every processor, and never a string the input guard would
 * take for a card number (partners send it back to consentCheck).
 */
import { randomUUID } from "node:crypto";
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
