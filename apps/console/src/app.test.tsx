import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "./app.js";

const CUSTOMER_ID = "0195f3c2-7a10-7000-8000-00000000c001";

/** The console as a staff member with this role (or nobody) sees it, starting at `path`. */
function setup(role: string | null, path = "/") {
  window.history.pushState(null, "", path);
  let signedIn = role;
  const api = fakeApi({
    ConsoleSession: () => ({
      viewer: signedIn ? { kind: "staff", role: signedIn } : { kind: "anonymous", role: null },
    }),
    StaffSignIn: () => {
      signedIn = "SUPPORT_AGENT";
      return { staffSignIn: { id: "s1", name: "Sam", role: "SUPPORT_AGENT" } };
    },
    ConsoleSignOut: () => {
      signedIn = null;
      return { signOut: true };
    },
    AuditEvents: () => ({
      auditEvents: { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } },
    }),
    AuditVerification: () => ({ auditVerification: null }),
    OpenCustomer: () => ({ customer: null }),
    PrivacyOverview: () => ({
      privacyOverview: {
        consentRates: [],
        openRequestsByDueWeek: [],
        accessesByPurpose: [],
        requestsDue: null,
        openBreaches: null,
        recentBreakGlassGrants: null,
      },
    }),
  });
  render(<App />, { wrapper: api.wrapper });
  return api;
}

async function areas(): Promise<string[]> {
  const nav = await screen.findByRole("navigation", { name: "Main" });
  return within(nav)
    .getAllByRole("link")
    .map((link) => link.textContent ?? "");
}

afterEach(() => window.history.pushState(null, "", "/"));

describe("the console frame", () => {
  it.each([
    ["SUPPORT_AGENT", ["Support", "Customers"]],
    ["AUDITOR", ["Overview", "Customers", "Legal requests", "Audit", "Staff actions"]],
    [
      "SECURITY_OFFICER",
      ["Overview", "Customers", "Break-glass", "Breaches", "Audit", "Staff actions"],
    ],
    ["ADMINISTRATOR", ["Overview", "Customers", "Processors", "Staff", "Marketing"]],
    [
      "PRIVACY_OFFICER",
      [
        "Overview",
        "Privacy requests",
        "Support",
        "Customers",
        "Processors",
        "Legal requests",
        "Break-glass",
        "Breaches",
        "Audit",
        "Staff actions",
        "Policy",
        "Marketing",
      ],
    ],
  ])("shows a %s only the areas the role may use", async (role, expected) => {
    setup(role);
    expect(await areas()).toEqual(expected);
  });

  it("does not open an area the role may not use, even by its address", async () => {
    const api = setup("SUPPORT_AGENT", "/audit");
    expect(await screen.findByRole("heading", { name: "Privet console" })).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Audit" })).toBeNull();
    expect(api.queries.map((q) => q.name)).not.toContain("AuditEvents");
  });

  it("opens an area the role may use from the navigation", async () => {
    const api = setup("AUDITOR");
    fireEvent.click(
      within(await screen.findByRole("navigation")).getByRole("link", { name: "Audit" }),
    );
    expect(await screen.findByRole("heading", { name: "Audit", level: 1 })).toBeTruthy();
    expect(window.location.pathname).toBe("/audit");
    expect(api.queries.some((q) => q.name === "AuditEvents")).toBe(true);
  });

  it("opens a customer under the purpose declared in the frame's purpose bar", async () => {
    sessionStorage.clear();
    const api = setup("SUPPORT_AGENT", `/customers/${CUSTOMER_ID}`);
    const bar = within(await screen.findByRole("form", { name: "Declared purpose" }));
    // Nothing declared yet: the page says so and reads nothing.
    expect(await screen.findByRole("heading", { name: "Declare a purpose first" })).toBeTruthy();
    expect(api.queries.filter((q) => q.name === "OpenCustomer")).toEqual([]);
    fireEvent.change(bar.getByLabelText(/Reference/), { target: { value: "T-7" } });
    fireEvent.click(bar.getByRole("button", { name: "Declare" }));
    await waitFor(() =>
      expect(api.queries.find((q) => q.name === "OpenCustomer")?.variables).toEqual({
        id: CUSTOMER_ID,
        purpose: "SUPPORT",
        ref: "T-7",
      }),
    );
  });

  it("asks someone not signed in to sign in, and shows their areas once they have", async () => {
    const api = setup(null);
    expect(await screen.findByRole("heading", { name: "Staff sign-in" })).toBeTruthy();
    expect(screen.queryByRole("navigation")).toBeNull();
    fireEvent.change(screen.getByLabelText("Email address"), {
      target: { value: " sam@privet.example " },
    });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "correct horse" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await areas()).toEqual(["Support", "Customers"]);
    expect(api.mutations).toEqual([
      {
        name: "StaffSignIn",
        variables: { email: "sam@privet.example", password: "correct horse", totpCode: null },
      },
    ]);
  });

  it("groups the sidebar by work, each group a labelled section of links", async () => {
    setup("PRIVACY_OFFICER");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    const groups = within(nav).getAllByRole("region");
    expect(groups.map((g) => within(g).getByRole("heading").textContent)).toEqual([
      "Start",
      "Requests",
      "Customers",
      "Partners",
      "Security",
      "Oversight",
      "Outreach",
    ]);
    const requests = within(nav).getByRole("region", { name: "Requests" });
    expect(
      within(requests)
        .getAllByRole("link")
        .map((l) => l.textContent),
    ).toEqual(["Privacy requests", "Support"]);
  });

  it("opens the overview at the console's address, and marks the area shown as current", async () => {
    const api = setup("PRIVACY_OFFICER");
    expect(await screen.findByRole("heading", { name: "Overview", level: 1 })).toBeTruthy();
    expect(api.queries.map((q) => q.name)).toContain("PrivacyOverview");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Overview" }).getAttribute("aria-current")).toBe(
      "page",
    );
    expect(
      within(nav).getByRole("link", { name: "Audit" }).getAttribute("aria-current"),
    ).toBeNull();
  });

  it("gives a role without the overview a start page listing its areas", async () => {
    setup("SUPPORT_AGENT");
    expect(await screen.findByRole("heading", { name: "Privet console", level: 1 })).toBeTruthy();
    const main = screen.getByRole("main");
    expect(
      within(main)
        .getAllByRole("link")
        .map((l) => l.textContent),
    ).toEqual(["Support", "Customers"]);
  });

  it("folds the sidebar behind a menu button that says whether it is open", async () => {
    setup("AUDITOR");
    const menu = await screen.findByRole("button", { name: "Menu" });
    expect(menu.getAttribute("aria-expanded")).toBe("false");
    expect(menu.getAttribute("aria-controls")).toBe("sidebar");
    fireEvent.click(menu);
    expect(menu.getAttribute("aria-expanded")).toBe("true");
    expect(document.getElementById("sidebar")?.className).toContain("open");
    // Choosing an area closes it again.
    fireEvent.click(within(screen.getByRole("navigation")).getByRole("link", { name: "Audit" }));
    expect(await screen.findByRole("heading", { name: "Audit", level: 1 })).toBeTruthy();
    expect(menu.getAttribute("aria-expanded")).toBe("false");
  });

  it("signs out and goes back to the sign-in page", async () => {
    const api = setup("PRIVACY_OFFICER");
    fireEvent.click(await screen.findByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Staff sign-in" })).toBeTruthy();
    expect(api.mutations.map((m) => m.name)).toEqual(["ConsoleSignOut"]);
  });
});
