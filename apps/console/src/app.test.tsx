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
    ["SUPPORT_AGENT", ["Customers", "Support"]],
    ["AUDITOR", ["Overview", "Customers", "Legal requests", "Audit", "Staff actions"]],
    [
      "SECURITY_OFFICER",
      ["Overview", "Customers", "Break-glass", "Breaches", "Audit", "Staff actions"],
    ],
    ["ADMINISTRATOR", ["Overview", "Customers", "Processors", "Marketing"]],
    [
      "PRIVACY_OFFICER",
      [
        "Overview",
        "Customers",
        "Privacy requests",
        "Support",
        "Break-glass",
        "Processors",
        "Legal requests",
        "Breaches",
        "Marketing",
        "Audit",
        "Staff actions",
        "Policy",
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
    expect(await areas()).toEqual(["Customers", "Support"]);
    expect(api.mutations).toEqual([
      {
        name: "StaffSignIn",
        variables: { email: "sam@privet.example", password: "correct horse" },
      },
    ]);
  });

  it("signs out and goes back to the sign-in page", async () => {
    const api = setup("PRIVACY_OFFICER");
    fireEvent.click(await screen.findByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Staff sign-in" })).toBeTruthy();
    expect(api.mutations.map((m) => m.name)).toEqual(["ConsoleSignOut"]);
  });
});
