import { describe, expect, it } from "vitest";
import { ROLE_PURPOSES, STAFF_ROLES } from "./principals.js";
import { PURPOSES, STAFF_PURPOSES } from "./purposes.js";

describe("the purposes staff can declare", () => {
  it("are every purpose but signing in and remarketing, in the policy's order", () => {
    expect(STAFF_PURPOSES).toEqual([
      "SERVICE_IMPROVEMENT",
      "PERSONALISATION",
      "SUPPORT",
      "PAYMENT",
      "SERVICE_ANNOUNCEMENTS",
      "MARKETING",
      "CROSS_BORDER_CONSOLIDATION",
      "LEGAL_OBLIGATION",
      "MALFUNCTION_INVESTIGATION",
      "BREACH_RESPONSE",
    ]);
    expect(STAFF_PURPOSES.filter((p) => !PURPOSES.includes(p))).toEqual([]);
  });

  it("include every purpose any staff role may use, so the console offers each of them", () => {
    for (const role of STAFF_ROLES) {
      for (const purpose of ROLE_PURPOSES[role]) expect(STAFF_PURPOSES, role).toContain(purpose);
    }
  });
});
