import { describe, expect, it } from "vitest";
import {
  type Access,
  areaRoles,
  CONSOLE_AREAS,
  type ConsoleArea,
  isOperation,
  isStaffOperation,
  OPERATIONS,
  roleMayUseArea,
  staffRolesFor,
} from "./permissions.js";
import { STAFF_ROLES, type StaffRole } from "./principals.js";

const entries = Object.entries(OPERATIONS) as Array<[string, Access]>;

describe("the permission table", () => {
  it("lists, for every staff operation, at least one known role, each once", () => {
    for (const [operation, access] of entries) {
      if (typeof access !== "object") continue;
      expect(access.staff.length, operation).toBeGreaterThan(0);
      expect(new Set(access.staff).size, operation).toBe(access.staff.length);
      for (const role of access.staff) expect(STAFF_ROLES, operation).toContain(role);
    }
  });

  it("gives staff roles only for operations staff call", () => {
    expect(staffRolesFor("auditEvents")).toEqual([
      "AUDITOR",
      "PRIVACY_OFFICER",
      "SECURITY_OFFICER",
    ]);
    expect(staffRolesFor("customers")).toEqual(STAFF_ROLES);
    expect(staffRolesFor("setConsent")).toBeNull();
    expect(staffRolesFor("partnerSubjects")).toBeNull();
    expect(staffRolesFor("signIn")).toBeNull();
  });

  it("knows its operations by name, and nothing inherited", () => {
    expect(isOperation("verifyPrivacyRequest")).toBe(true);
    expect(isOperation("toString")).toBe(false);
    expect(isOperation("__typename")).toBe(false);
    expect(isStaffOperation("grantBreakGlass")).toBe(true);
    expect(isStaffOperation("setConsent")).toBe(false);
    expect(isStaffOperation("toString")).toBe(false);
  });
});

describe("the console's areas", () => {
  /** What each role saw before the areas were read from the table. */
  const SEEN: Record<StaffRole, ConsoleArea[]> = {
    SUPPORT_AGENT: ["customers", "support"],
    AUDITOR: ["overview", "customers", "legal-requests", "audit", "staff-actions"],
    SECURITY_OFFICER: [
      "overview",
      "customers",
      "break-glass",
      "breaches",
      "audit",
      "staff-actions",
    ],
    ADMINISTRATOR: ["overview", "customers", "processors", "marketing", "staff"],
    // Every area but staff accounts, which administrators alone run.
    PRIVACY_OFFICER: (Object.keys(CONSOLE_AREAS) as ConsoleArea[]).filter((a) => a !== "staff"),
  };

  it.each(STAFF_ROLES)("shows a %s the areas whose opening operation the role may call", (role) => {
    const areas = (Object.keys(CONSOLE_AREAS) as ConsoleArea[]).filter((area) =>
      roleMayUseArea(role, area),
    );
    expect(areas).toEqual(SEEN[role]);
  });

  it("takes each area's roles from its operation's entry", () => {
    for (const [area, operation] of Object.entries(CONSOLE_AREAS)) {
      expect(areaRoles(area as ConsoleArea)).toBe(staffRolesFor(operation));
    }
  });
});
