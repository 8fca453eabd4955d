import { describe, expect, it } from "vitest";
import {
  CATEGORY_RIGHTS,
  ERASED_CATEGORIES,
  EXPORTED_CATEGORIES,
  whyKept,
  whyWithheld,
} from "./data-rights.js";
import { decide } from "./decide.js";
import { ALL_CATEGORIES, isNeverReadable } from "./taxonomy.js";

describe("what a customer's rights do to each data category", () => {
  it("decides export and erasure for every category of the taxonomy, and nothing else", () => {
    expect(Object.keys(CATEGORY_RIGHTS).sort()).toEqual([...ALL_CATEGORIES].sort());
  });

  it("gives a reason, as a sentence, wherever a category is withheld from the export or kept", () => {
    for (const category of ALL_CATEGORIES) {
      for (const why of [whyWithheld(category), whyKept(category)]) {
        if (why !== null) expect(why, category).toMatch(/^[A-Z].{20,}\.$/);
      }
    }
  });

  it("exports only what decide() lets customers read about themselves, so never a credential", () => {
    const ownRead = (category: (typeof ALL_CATEGORIES)[number]) =>
      decide({
        principal: { kind: "customer", subjectId: "c-1" },
        purpose: null,
        category,
        subjectId: "c-1",
        consents: {},
        grants: [],
        agreement: null,
        legalRequest: null,
        now: new Date("2026-12-01T00:00:00Z"),
      }).allow;
    for (const category of EXPORTED_CATEGORIES) expect(ownRead(category), category).toBe(true);
    for (const category of ALL_CATEGORIES.filter(isNeverReadable)) {
      expect(EXPORTED_CATEGORIES).not.toContain(category);
    }
  });

  it("lists the exported and the erased categories in the taxonomy's order", () => {
    expect(EXPORTED_CATEGORIES).toEqual(ALL_CATEGORIES.filter((c) => whyWithheld(c) === null));
    expect(ERASED_CATEGORIES).toEqual(ALL_CATEGORIES.filter((c) => whyKept(c) === null));
    expect(whyWithheld("user.financial.card.token")).toMatch(/processor account/);
    expect(whyWithheld("user.name")).toBeNull();
  });
});
