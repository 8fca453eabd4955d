import { withErrors } from "@privet/ui/test-support/fake-client";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  declarePurpose,
  redacted,
  refusal,
  renderUnderPurpose,
  sent,
} from "../test-support/console.js";
import { CustomerPage, CustomersPage } from "./customers.js";

const ADA = "0195f3c2-7a10-7000-8000-00000000ada1";

const matches = {
  searchCustomers: [
    { id: ADA, name: "Ada Lovelace", email: "ada@example.com" },
    { id: "0195f3c2-7a10-7000-8000-00000000b0b1", name: null, email: "bob@example.com" },
  ],
};

/** Type into the customer picker, as a member does (the picker waits for a pause). */
async function type(text: string) {
  fireEvent.change(await screen.findByRole("combobox", { name: "Find a customer" }), {
    target: { value: text },
  });
}

describe("the customers page", () => {
  it("reads nothing until the staff member declares a purpose and types", async () => {
    const api = renderUnderPurpose(
      <CustomersPage />,
      { PickCustomers: () => matches },
      { declared: null },
    );
    expect(screen.queryByRole("combobox", { name: "Find a customer" })).toBeNull();
    declarePurpose("BREACH_RESPONSE", "T-1042");
    await screen.findByRole("combobox", { name: "Find a customer" });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sent(api, "PickCustomers")).toEqual([]);
    expect(screen.getByText(/Nothing is read until you type/)).toBeTruthy();
  });

  it("searches as the member types, under the declared purpose; declaring again reads nothing", async () => {
    const api = renderUnderPurpose(
      <CustomersPage />,
      { PickCustomers: () => matches },
      { declared: null },
    );
    declarePurpose("BREACH_RESPONSE", " T-1042 ");
    await type("ada");
    await screen.findByRole("option", { name: /Ada Lovelace/ });
    expect(sent(api, "PickCustomers")).toEqual([
      { text: "ada", purpose: "BREACH_RESPONSE", ref: "T-1042" },
    ]);
    // A later declaration does not search again; the next search is made under it.
    declarePurpose("BREACH_RESPONSE", "INC-9");
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sent(api, "PickCustomers")).toHaveLength(1);
    await type("bob");
    await waitFor(() =>
      expect(sent(api, "PickCustomers").at(-1)).toEqual({
        text: "bob",
        purpose: "BREACH_RESPONSE",
        ref: "INC-9",
      }),
    );
  });

  it("opens the customer chosen, by name or (when the name is withheld) by email; no id typed", async () => {
    window.history.pushState(null, "", "/customers");
    renderUnderPurpose(<CustomersPage />, { PickCustomers: () => matches });
    await type("example");
    // A match whose name the purpose may not read is named by its email, never left blank.
    expect(await screen.findByRole("option", { name: /bob@example\.com/ })).toBeTruthy();
    fireEvent.mouseDown(await screen.findByRole("option", { name: /Ada Lovelace/ }));
    await waitFor(() => expect(window.location.pathname).toBe(`/customers/${ADA}`));
    expect(screen.getByText(/Loading Ada Lovelace/)).toBeTruthy();
  });

  it("says when no customer matches", async () => {
    renderUnderPurpose(<CustomersPage />, { PickCustomers: () => ({ searchCustomers: [] }) });
    await type("nobody");
    // Said beside the box (and announced).
    expect((await screen.findAllByText("No customer matches.")).length).toBeGreaterThan(0);
  });

  it("says why a search was refused, in words", async () => {
    renderUnderPurpose(<CustomersPage />, {
      PickCustomers: () => {
        throw refusal("FORBIDDEN", "Your role may not declare this purpose.");
      },
    });
    await type("ada");
    expect(
      (await screen.findAllByText("Your role may not declare this purpose.")).length,
    ).toBeGreaterThan(0);
  });
});

const customer = (over: Record<string, unknown> = {}) => ({
  id: ADA,
  createdAt: "2026-03-01T12:00:00.000Z",
  jurisdiction: "GDPR",
  name: "Ada Lovelace",
  email: "ada@example.com",
  country: "GB",
  sessions: [
    {
      id: "sess1",
      createdAt: "2026-11-20T12:00:00.000Z",
      ipAddress: null,
      browser: "Firefox",
      os: "Linux",
    },
  ],
  paymentMethod: { id: "pm1", brand: "VISA", last4: null, expiryMonth: 4, expiryYear: 2028 },
  consents: [
    { purpose: "MARKETING", state: "WITHDRAWN", updatedAt: "2026-11-01T12:00:00.000Z" },
    { purpose: "PERSONALISATION", state: null, updatedAt: null },
  ],
  consentHistory: [
    {
      id: "0190a5c2-0000-7000-8000-00000000e001",
      purpose: "MARKETING",
      state: "WITHDRAWN",
      source: "PORTAL",
      occurredAt: "2026-11-01T12:00:00.000Z",
      policyVersion: "2026-01-15",
    },
  ],
  heldRecords: [{ id: "h1", label: null, content: null }],
  accessLogPage: {
    nodes: [
      {
        id: "a1",
        accessorKind: "STAFF",
        staffRole: "SECURITY_OFFICER",
        processorName: null,
        purpose: "MALFUNCTION_INVESTIGATION",
        reference: "INC-7",
        categoryLabel: "Records about other people",
        occurredAt: "2026-11-21T12:00:00.000Z",
        breakGlassReason: "MALFUNCTION",
      },
    ],
    pageInfo: { endCursor: "cursor-1", hasNextPage: false },
  },
  ...over,
});

describe("one customer", () => {
  it("is read under the declared purpose and reference, and says so", async () => {
    const api = renderUnderPurpose(
      <CustomerPage id={ADA} />,
      { OpenCustomer: () => ({ customer: customer() }) },
      { declared: null },
    );
    // Nothing declared: nothing is read.
    expect(screen.getByRole("heading", { name: "Declare a purpose first" })).toBeTruthy();
    expect(sent(api, "OpenCustomer")).toEqual([]);
    declarePurpose("BREACH_RESPONSE", "T-1042");
    await screen.findByRole("heading", { name: "Customer Ada Lovelace" });
    expect(screen.getByText(ADA).tagName).toBe("CODE");
    expect(await screen.findByText(/Read under breach response \(ref\. T-1042\)/)).toBeTruthy();
    expect(sent(api, "OpenCustomer")).toEqual([
      { id: ADA, purpose: "BREACH_RESPONSE", ref: "T-1042" },
    ]);
  });

  it("[P-12] shows records about other people as redacted without a break-glass grant", async () => {
    renderUnderPurpose(<CustomerPage id={ADA} />, {
      OpenCustomer: () =>
        withErrors({ customer: customer() }, [
          redacted("customer.heldRecords.0.label", "BREAK_GLASS_REQUIRED"),
          redacted("customer.heldRecords.0.content", "BREAK_GLASS_REQUIRED"),
          redacted("customer.sessions.0.ipAddress", "PURPOSE_NOT_PERMITTED"),
          redacted("customer.paymentMethod.last4", "PURPOSE_NOT_PERMITTED"),
        ]),
    });
    const heading = await screen.findByRole("heading", { name: /Records the customer holds/ });
    const held = heading.nextElementSibling;
    expect(held?.textContent).toBe(
      "withheld: needs an active break-glass grant: " +
        "withheld: needs an active break-glass grant",
    );
    const session = screen.getByRole("heading", { name: "Sessions" }).nextElementSibling;
    expect(session?.textContent).toContain(
      "withheld: the declared purpose does not allow reading this · Firefox · Linux",
    );
    expect(screen.getByText("VISA", { exact: false }).textContent).toContain("withheld:");
    expect(screen.getByText("ada@example.com")).toBeTruthy();
  });

  it("[P-12] shows the customer's access log with the break-glass reason", async () => {
    renderUnderPurpose(<CustomerPage id={ADA} />, {
      OpenCustomer: () => ({ customer: customer() }),
    });
    const log = (await screen.findByRole("heading", { name: "Access log" })).nextElementSibling;
    expect(log?.textContent).toContain(
      "Security officer read Records about other people for malfunction investigation (INC-7) under break-glass (malfunction)",
    );
  });

  it("appends older access-log pages under the same purpose and reference, until the oldest", async () => {
    const read = (n: number) => ({
      id: `r${n}:1`,
      accessorKind: "STAFF",
      staffRole: "SUPPORT_AGENT",
      processorName: null,
      purpose: "SUPPORT",
      reference: `T-${n}`,
      categoryLabel: "Email address",
      occurredAt: `2026-11-${String(n).padStart(2, "0")}T12:00:00.000Z`,
      breakGlassReason: null,
    });
    const older: Record<string, unknown> = {
      "cursor-1": { nodes: [read(18)], pageInfo: { endCursor: "cursor-2", hasNextPage: true } },
      "cursor-2": { nodes: [read(17)], pageInfo: { endCursor: "cursor-3", hasNextPage: false } },
    };
    const api = renderUnderPurpose(
      <CustomerPage id={ADA} />,
      {
        OpenCustomer: () => ({
          customer: customer({
            accessLogPage: {
              nodes: [read(20), read(19)],
              pageInfo: { endCursor: "cursor-1", hasNextPage: true },
            },
          }),
        }),
        CustomerAccessLogOlder: (v) => ({
          customer: { id: ADA, accessLogPage: older[String(v.after)] },
        }),
      },
      { declared: null },
    );
    declarePurpose("SUPPORT", "T-1042");
    await screen.findByText(/Read under support \(ref\. T-1042\)/);
    const references = async () =>
      [
        ...((await screen.findByRole("heading", { name: "Access log" })).nextElementSibling
          ?.children ?? []),
      ].map((li) => li.textContent?.match(/T-\d+/)?.[0]);
    expect(await references()).toEqual(["T-20", "T-19"]);
    fireEvent.click(await screen.findByRole("button", { name: "Show older entries" }));
    expect(screen.getByRole("button", { name: "Loading older entries…" })).toHaveProperty(
      "disabled",
      true,
    );
    await screen.findByRole("button", { name: "Show older entries" });
    expect(await references()).toEqual(["T-20", "T-19", "T-18"]);
    fireEvent.click(screen.getByRole("button", { name: "Show older entries" }));
    expect(await screen.findByText(/there are no older entries/)).toBeTruthy();
    expect(await references()).toEqual(["T-20", "T-19", "T-18", "T-17"]);
    expect(sent(api, "CustomerAccessLogOlder")).toEqual([
      { id: ADA, after: "cursor-1", purpose: "SUPPORT", ref: "T-1042" },
      { id: ADA, after: "cursor-2", purpose: "SUPPORT", ref: "T-1042" },
    ]);
  });

  it("says why an older access-log page was refused, keeping the entries shown", async () => {
    renderUnderPurpose(<CustomerPage id={ADA} />, {
      OpenCustomer: () => ({
        customer: customer({
          accessLogPage: {
            nodes: customer().accessLogPage.nodes,
            pageInfo: { endCursor: "cursor-1", hasNextPage: true },
          },
        }),
      }),
      CustomerAccessLogOlder: () => {
        throw refusal("BAD_USER_INPUT", "This cursor is not valid here.", "after");
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Show older entries" }));
    expect((await screen.findByRole("alert")).textContent).toBe("This cursor is not valid here.");
    const log = screen.getByRole("heading", { name: "Access log" }).nextElementSibling;
    expect(log?.textContent).toContain("INC-7");
    expect(screen.getByRole("button", { name: "Show older entries" })).toBeTruthy();
  });

  it("lists consents, saying when one was never asked", async () => {
    renderUnderPurpose(<CustomerPage id={ADA} />, {
      OpenCustomer: () => ({ customer: customer() }),
    });
    const consents = (await screen.findByRole("heading", { name: "Consents" })).nextElementSibling;
    expect(consents?.textContent).toContain("marketing: WITHDRAWN");
    expect(consents?.textContent).toContain("personalisation: never asked");
  });

  it("shows a redacted access log with its reason rather than an empty one", async () => {
    renderUnderPurpose(<CustomerPage id={ADA} />, {
      OpenCustomer: () =>
        withErrors({ customer: customer({ accessLogPage: null }) }, [
          redacted("customer.accessLogPage", "ROLE"),
        ]),
    });
    const log = (await screen.findByRole("heading", { name: "Access log" })).nextElementSibling;
    expect(log?.textContent).toBe("withheld: your role may not use data for this purpose");
  });

  it("says there is no such customer, with the API's reason", async () => {
    renderUnderPurpose(<CustomerPage id={ADA} />, {
      OpenCustomer: () => {
        throw refusal("NOT_FOUND", "No customer has this id.");
      },
    });
    expect(await screen.findByText("No such customer.")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("No customer has this id.");
  });
});
