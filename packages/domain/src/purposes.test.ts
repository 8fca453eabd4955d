import { describe, expect, it } from "vitest";
import { declarablePurposes, ROLE_PURPOSES, STAFF_ROLES } from "./principals.js";
import { PURPOSE_DEFINITIONS, PURPOSES, STAFF_PURPOSES } from "./purposes.js";

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
      "PRIVACY_REQUEST_HANDLING",
    ]);
    expect(STAFF_PURPOSES.filter((p) => !PURPOSES.includes(p))).toEqual([]);
  });

  it("include every purpose any staff role may use, so the console offers each of them", () => {
    for (const role of STAFF_ROLES) {
      for (const purpose of ROLE_PURPOSES[role]) expect(STAFF_PURPOSES, role).toContain(purpose);
    }
  });
});

describe("the purposes the console offers each role", () => {
  // Written out by hand: the bar must offer exactly what decide() lets each role read under.
  it("are the role's own, privacy-request handling first for privacy officers", () => {
    expect(declarablePurposes("SUPPORT_AGENT")).toEqual(["SUPPORT"]);
    expect(declarablePurposes("PRIVACY_OFFICER")).toEqual([
      "PRIVACY_REQUEST_HANDLING",
      "SUPPORT",
      "LEGAL_OBLIGATION",
      "BREACH_RESPONSE",
      "SERVICE_ANNOUNCEMENTS",
      "MARKETING",
    ]);
    expect(declarablePurposes("SECURITY_OFFICER")).toEqual([
      "MALFUNCTION_INVESTIGATION",
      "BREACH_RESPONSE",
    ]);
    expect(declarablePurposes("AUDITOR")).toEqual([]);
    expect(declarablePurposes("ADMINISTRATOR")).toEqual(["SERVICE_ANNOUNCEMENTS"]);
  });

  it("never include a purpose staff cannot declare at all", () => {
    for (const role of STAFF_ROLES) {
      for (const purpose of declarablePurposes(role)) expect(STAFF_PURPOSES).toContain(purpose);
    }
  });
});

describe("handling a privacy request", () => {
  it("rests on a legal obligation and reads exactly who asked, how to reach them, their country and what they wrote", () => {
    const { basis, categories } = PURPOSE_DEFINITIONS.PRIVACY_REQUEST_HANDLING;
    expect(basis).toBe("LEGAL_OBLIGATION");
    expect([...categories].sort()).toEqual(
      ["user.contact.country", "user.contact.email", "user.content.message", "user.name"].sort(),
    );
  });
});
