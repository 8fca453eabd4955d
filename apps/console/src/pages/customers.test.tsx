import { withErrors } from "@privet/ui/test-support/fake-client";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
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

const found = {
  customers: {
    nodes: [
      {
        id: ADA,
        createdAt: "2026-03-01T12:00:00.000Z",
        jurisdiction: "GDPR",
        name: "Ada Lovelace",
        email: null,
        country: "GB",
      },
    ],
  },
};

function search(value: string) {
  fireEvent.change(screen.getByLabelText("Email address or customer ID"), { target: { value } });
  fireEvent.click(screen.getByRole("button", { name: "Search" }));
}

describe("the customers page", () => {
  it("reads nothing until the staff member searches", async () => {
    const api = renderUnderPurpose(
      <CustomersPage />,
      { FindCustomers: () => found },
      { declared: null },
    );
    declarePurpose("BREACH_RESPONSE", "T-1042");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent(api, "FindCustomers")).toEqual([]);
    expect(screen.getByText(/Customers are read only when you search/)).toBeTruthy();
  });

  it("searches under the declared purpose and reference", async () => {
    const api = renderUnderPurpose(
      <CustomersPage />,
      { FindCustomers: () => found },
      { declared: null },
    );
    declarePurpose("BREACH_RESPONSE", " T-1042 ");
    search("  ada@example.com ");
    await screen.findByRole("table");
    // A later declaration does not search again; the next search is made under it.
    declarePurpose("BREACH_RESPONSE", "INC-9");
    expect(sent(api, "FindCustomers")).toEqual([
      { search: "ada@example.com", purpose: "BREACH_RESPONSE", ref: "T-1042" },
    ]);
    search("bob@example.com");
    await waitFor(() =>
      expect(sent(api, "FindCustomers").at(-1)).toEqual({
        search: "bob@example.com",
        purpose: "BREACH_RESPONSE",
        ref: "INC-9",
      }),
    );
  });

  it("shows a field the purpose may not read as redacted with the reason, never blank", async () => {
    renderUnderPurpose(<CustomersPage />, {
      FindCustomers: () =>
        withErrors(found, [redacted("customers.nodes.0.email", "PURPOSE_NOT_PERMITTED")]),
    });
    search(ADA);
    const row = within(await screen.findByRole("table")).getAllByRole("row")[1];
    if (!row) throw new Error("no row");
    const cells = within(row).getAllByRole("cell");
    expect(cells[1]?.textContent).toBe("Ada Lovelace");
    expect(cells[2]?.textContent).toBe(
      "withheld: the declared purpose does not allow reading this",
    );
    expect(within(row).getByRole("link").getAttribute("href")).toBe(`/customers/${ADA}`);
    // A redaction is not a failure: nothing is announced as an error.
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says when no customer matches", async () => {
    renderUnderPurpose(<CustomersPage />, { FindCustomers: () => ({ customers: { nodes: [] } }) });
    search("nobody@example.com");
    expect(await screen.findByText("No customer matches.")).toBeTruthy();
  });

  it("shows a refused search as an error", async () => {
    renderUnderPurpose(<CustomersPage />, {
      FindCustomers: () => {
        throw refusal("FORBIDDEN", "Your role may not declare this purpose.");
      },
    });
    search("ada@example.com");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Your role may not declare this purpose.",
    );
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
