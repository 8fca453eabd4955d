import { describe, expect, it } from "vitest";
import {
  CONSENT_PURPOSES,
  COOKIE_CATEGORIES,
  COOKIE_CATEGORY_PURPOSE,
  cookieCategoriesOf,
  PURPOSE_COOKIE_CATEGORIES,
} from "./consent.js";

describe("one switch per purpose: the cookie categories that serve each consent purpose", () => {
  it("lists each purpose's cookies, and marketing (by email) has none", () => {
    expect(PURPOSE_COOKIE_CATEGORIES).toEqual({
      MARKETING: [],
      PERSONALISATION: ["PREFERENCES"],
      SERVICE_IMPROVEMENT: ["ANALYTICS"],
      REMARKETING: ["ADVERTISING"],
    });
    expect(cookieCategoriesOf("SERVICE_IMPROVEMENT")).toEqual(["ANALYTICS"]);
  });

  it("is the exact inverse of the category → purpose map: every optional category under one purpose", () => {
    const listed = CONSENT_PURPOSES.flatMap((purpose) =>
      cookieCategoriesOf(purpose).map((category) => [category, purpose] as const),
    );
    const optional = COOKIE_CATEGORIES.filter((c) => COOKIE_CATEGORY_PURPOSE[c] !== null);
    expect(listed.map(([category]) => category).sort()).toEqual([...optional].sort());
    for (const [category, purpose] of listed) {
      expect(COOKIE_CATEGORY_PURPOSE[category]).toBe(purpose);
    }
    expect(listed.map(([category]) => category)).not.toContain("NECESSARY");
  });
});
