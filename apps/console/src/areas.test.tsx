/**
 * The navigation follows the permission table (@privet/domain/permissions), the one the API
 * enforces: each area's link is shown to exactly the roles of the operation it opens with.
 */
import { areaRoles, type ConsoleArea } from "@privet/domain/permissions";
import { STAFF_ROLES, type StaffRole } from "@privet/domain/principals";
import { fakeApi } from "@privet/ui/test-support/fake-client";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "./app.js";
import { AREAS } from "./areas.js";

/** The labels in the main navigation of the console as a staff member of `role` sees it. */
async function navigationOf(role: StaffRole): Promise<string[]> {
  const api = fakeApi({ ConsoleSession: () => ({ viewer: { kind: "staff", role } }) });
  render(<App />, { wrapper: api.wrapper });
  const nav = await screen.findByRole("navigation", { name: "Main" });
  const labels = within(nav)
    .getAllByRole("link")
    .map((link) => link.textContent ?? "");
  cleanup();
  return labels;
}

afterEach(() => window.history.pushState(null, "", "/"));

describe("the console's navigation", () => {
  it("shows each area to exactly the roles the permission table gives it", async () => {
    const seenBy = new Map<string, StaffRole[]>();
    for (const role of STAFF_ROLES) {
      for (const label of await navigationOf(role)) {
        seenBy.set(label, [...(seenBy.get(label) ?? []), role]);
      }
    }
    for (const [area, { label }] of Object.entries(AREAS)) {
      const expected = STAFF_ROLES.filter((role) => areaRoles(area as ConsoleArea).includes(role));
      expect(seenBy.get(label) ?? [], label).toEqual(expected);
    }
    expect([...seenBy.keys()].sort()).toEqual(
      Object.values(AREAS)
        .map((a) => a.label)
        .sort(),
    );
  });

  it("lists a role's areas by sidebar group, in the table's order within a group", async () => {
    expect(await navigationOf("SECURITY_OFFICER")).toEqual([
      "Overview",
      "Customers",
      "Break-glass",
      "Breaches",
      "Audit",
      "Staff actions",
    ]);
  });
});
