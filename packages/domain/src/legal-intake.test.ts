/**
 * Legal-request intake (P-11): who may look up the customer a new legal request names, how
 * (a whole identifier only), and what such a match reveals through decide() (name and email).
 * Expected outcomes are written out by hand from the policy, never computed from ROLE_PURPOSES.
 */
import { describe, expect, it } from "vitest";
import { type DecisionInput, decide } from "./decide.js";
import {
  decideLegalIntake,
  explainIntakeRefusal,
  INTAKE_CATEGORIES,
  mayDoLegalIntake,
} from "./legal-intake.js";
import { STAFF_ROLES, type StaffRole } from "./principals.js";
import { PURPOSES, type Purpose } from "./purposes.js";
import type { DataCategory } from "./taxonomy.js";

const SUBJECT = "0b6f6c3e-1d2a-4c1b-9a57-5d6f0e2b7a10";
const NOW = new Date("2026-06-15T12:00:00Z");

/** Only privacy officers act under a legal obligation (brief: "legal disclosures"). */
const INTAKE_ROLES: Readonly<Record<StaffRole, boolean>> = {
  SUPPORT_AGENT: false,
  PRIVACY_OFFICER: true,
  SECURITY_OFFICER: false,
  AUDITOR: false,
  ADMINISTRATOR: false,
};

function read(
  role: StaffRole,
  purpose: Purpose,
  category: DataCategory,
  intake: boolean,
): "ALLOW" | string {
  const input: DecisionInput = {
    principal: { kind: "staff", staffId: "staff-1", role },
    purpose,
    category,
    subjectId: SUBJECT,
    consents: {},
    grants: [],
    agreement: null,
    legalRequest: null,
    intake,
    now: NOW,
  };
  const decision = decide(input);
  return decision.allow ? "ALLOW" : decision.reason;
}

describe("[P-11] who may do legal-request intake", () => {
  it.each(STAFF_ROLES)("%s", (role) => {
    expect(mayDoLegalIntake(role)).toBe(INTAKE_ROLES[role]);
    const decision = decideLegalIntake({ role, reference: "CASE-1", text: "ada@example.com" });
    expect(decision.kind).toBe(INTAKE_ROLES[role] ? "lookup" : "refused");
    if (decision.kind === "refused") expect(decision.reason).toBe("ROLE");
  });
});

describe("[P-11] intake looks up a whole identifier only", () => {
  const intake = (text: string, reference: string | null = "CASE-1") =>
    decideLegalIntake({ role: "PRIVACY_OFFICER", reference, text });

  it("a whole email address, trimmed and in lower case", () => {
    expect(intake("  Ada.Lovelace@Example.COM ")).toEqual({
      kind: "lookup",
      lookup: { by: "email", email: "ada.lovelace@example.com" },
    });
  });

  it("a whole customer id", () => {
    expect(intake(SUBJECT.toUpperCase())).toEqual({
      kind: "lookup",
      lookup: { by: "customerId", customerId: SUBJECT },
    });
  });

  it.each([
    "ada",
    "Ada Lovelace",
    "ada@",
    "@example.com",
    "ada@example",
    "example.com",
    "ada @example.com",
    "%@example.com ada",
    SUBJECT.slice(0, 20),
    `${SUBJECT}0`,
  ])("nothing for a part of one: %j", (text) => {
    expect(intake(text)).toEqual({ kind: "nothing" });
  });

  it("needs the authority's reference, whatever was typed", () => {
    expect(intake("ada@example.com", null)).toEqual({
      kind: "refused",
      reason: "REFERENCE_REQUIRED",
    });
    expect(intake("ada@example.com", "  ")).toEqual({
      kind: "refused",
      reason: "REFERENCE_REQUIRED",
    });
  });

  it("explains refusals in words, without codes", () => {
    for (const reason of ["ROLE", "REFERENCE_REQUIRED"] as const) {
      expect(explainIntakeRefusal(reason)).not.toMatch(/[A-Z]{2,}_[A-Z]/);
    }
  });
});

describe("[P-11] what an intake match reveals through decide(), role × purpose", () => {
  it("reveals name and email only", () => {
    expect([...INTAKE_CATEGORIES].sort()).toEqual(["user.contact.email", "user.name"]);
  });

  for (const role of STAFF_ROLES) {
    for (const purpose of PURPOSES) {
      it(`${role} under ${purpose}: intake changes only LEGAL_OBLIGATION's name and email`, () => {
        for (const category of [
          "user.name",
          "user.contact.email",
          "user.contact.country",
        ] as const) {
          const without = read(role, purpose, category, false);
          const withIntake = read(role, purpose, category, true);
          if (purpose === "LEGAL_OBLIGATION" && INTAKE_ROLES[role]) {
            expect(without).toBe("LEGAL_REQUEST_REQUIRED");
            expect(withIntake).toBe(
              category === "user.contact.country" ? "LEGAL_REQUEST_REQUIRED" : "ALLOW",
            );
          } else {
            // Elsewhere intake opens nothing: the answer is the same with or without it.
            expect(withIntake).toBe(without);
          }
          if (purpose === "LEGAL_OBLIGATION" && !INTAKE_ROLES[role])
            expect(withIntake).toBe("ROLE");
        }
      });
    }
  }
});
