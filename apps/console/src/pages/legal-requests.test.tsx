import { fakeApi, withErrors } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PurposeBar, PurposeProvider } from "../purpose.js";
import { StaffSessionProvider } from "../session.js";
import { declarePurpose, pick, redacted, refusal, sent } from "../test-support/console.js";
import { LegalRequestsPage } from "./legal-requests.js";

const ADA = "0195f3c2-7a10-7000-8000-00000000ada1";
const BOB = "0195f3c2-7a10-7000-8000-00000000b0b2";
const PEOPLE = [
  { id: ADA, name: "Ada Lovelace", email: "ada@example.com" },
  { id: BOB, name: "Bob Babbage", email: "bob@example.com" },
];

const request = (over: Record<string, unknown>) => ({
  id: "lr-open",
  kind: "COURT_ORDER",
  authority: "High Court",
  reference: "HC-2026-118",
  receivedAt: "2026-11-02T12:00:00.000Z",
  status: "OPEN",
  categories: ["user.contact.email"],
  subjectIds: [ADA],
  legalHold: true,
  ...over,
});

const disclosure = {
  legalDisclosure: {
    legalRequest: { id: "lr-open", reference: "HC-2026-118", categories: ["user.contact.email"] },
    subjects: [
      {
        id: ADA,
        customer: {
          id: ADA,
          name: null,
          email: "ada@example.com",
          country: null,
          sessions: [],
          paymentMethod: null,
        },
      },
    ],
  },
};

function setup(handlers: Parameters<typeof fakeApi>[0] = {}, role = "PRIVACY_OFFICER") {
  const requests = [
    request({}),
    request({ id: "lr-done", reference: "GOV-7", authority: "Tax office", status: "DISCLOSED" }),
    request({ id: "lr-closed", reference: "LP-3", authority: "Regulator", status: "CLOSED" }),
  ];
  const api = fakeApi({
    ConsoleSession: () => ({ viewer: { kind: "staff", role } }),
    // Under a legal obligation the API answers a whole email address only (intake).
    PickCustomers: (v) => ({
      searchCustomers: PEOPLE.filter((p) =>
        v.purpose === "LEGAL_OBLIGATION" ? p.email === v.text : p.name.includes(String(v.text)),
      ),
    }),
    LegalRequests: () => ({ legalRequests: requests }),
    LegalDisclosure: () =>
      withErrors(disclosure, [
        redacted("legalDisclosure.subjects.0.customer.name", "LEGAL_REQUEST_REQUIRED"),
        redacted("legalDisclosure.subjects.0.customer.country", "LEGAL_REQUEST_REQUIRED"),
      ]),
    RecordLegalRequest: () => ({
      recordLegalRequest: { id: "lr-new", reference: "HC-9", status: "OPEN" },
    }),
    CloseLegalRequest: (v) => {
      const closing = requests.find((r) => r.id === v.id);
      if (closing) closing.status = "CLOSED";
      return { closeLegalRequest: { id: v.id, status: "CLOSED" } };
    },
    ...handlers,
  });
  render(
    <PurposeProvider staffRole="PRIVACY_OFFICER" scope="/legal-requests" natural="LEGAL_OBLIGATION">
      <PurposeBar />
      <StaffSessionProvider>
        <LegalRequestsPage />
      </StaffSessionProvider>
    </PurposeProvider>,
    { wrapper: api.wrapper },
  );
  return api;
}

async function card(reference: string) {
  const heading = await screen.findByRole("heading", { name: new RegExp(reference), level: 2 });
  return within(heading.closest("li") as HTMLElement);
}

describe("the legal requests page", () => {
  it("lists each recorded request with its kind, status, scope and legal hold", async () => {
    setup();
    const open = await card("HC-2026-118");
    expect(open.getByText(/Court order received 2 November 2026 · Open · legal hold/)).toBeTruthy();
    expect(open.getByText("1 customer; Email address")).toBeTruthy();
  });

  it("[P-11] offers a disclosure only for a recorded request that is not closed", async () => {
    const api = setup();
    expect(
      (await card("HC-2026-118")).getByRole("button", { name: "Produce disclosure" }),
    ).toBeTruthy();
    expect((await card("GOV-7")).getByRole("button", { name: "Produce disclosure" })).toBeTruthy();
    expect((await card("LP-3")).queryByRole("button", { name: "Produce disclosure" })).toBeNull();
    // Nothing is disclosed (nor read) until asked.
    expect(sent(api, "LegalDisclosure")).toEqual([]);
  });

  it("[P-11] produces the disclosure citing the request, with what is out of scope redacted", async () => {
    const api = setup();
    fireEvent.click(
      (await card("HC-2026-118")).getByRole("button", { name: "Produce disclosure" }),
    );
    const section = within(
      await screen.findByRole("region", { name: "Disclosure for HC-2026-118" }),
    );
    expect(sent(api, "LegalDisclosure")).toEqual([{ id: "lr-open", ref: "lr-open" }]);
    expect(section.getByText("ada@example.com")).toBeTruthy();
    // The customer's id whole, to quote to the authority, with a button to copy it.
    expect(section.getByText(ADA).tagName).toBe("CODE");
    expect(section.getByRole("button", { name: "Copy customer id" })).toBeTruthy();
    const name = section.getByText("Name").nextElementSibling;
    expect(name?.textContent).toBe("withheld: needs a recorded legal request covering it");
    expect(section.getByText("Country").nextElementSibling?.textContent).toContain("withheld:");
  });

  it("[P-11] shows why the API refused a disclosure", async () => {
    setup({
      LegalDisclosure: () => {
        throw refusal("FORBIDDEN", "This legal request is closed: it opens no disclosure.");
      },
    });
    fireEvent.click((await card("GOV-7")).getByRole("button", { name: "Produce disclosure" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "This legal request is closed: it opens no disclosure.",
    );
  });

  it("[P-11] records a request with its scope: the customers and categories it names", async () => {
    const api = setup();
    fireEvent.change(await screen.findByLabelText("Kind"), {
      target: { value: "GOVERNMENT_REQUEST" },
    });
    fireEvent.change(screen.getByLabelText("Authority"), { target: { value: " Tax office " } });
    fireEvent.change(screen.getByLabelText("Reference"), { target: { value: "GOV-8" } });
    fireEvent.change(screen.getByLabelText("Received on"), { target: { value: "2026-11-20" } });
    // The area's own purpose, citing the authority's reference: no other purpose needed.
    declarePurpose("LEGAL_OBLIGATION", "GOV-8");
    await pick("Customers in scope", "ada@example.com", /Ada Lovelace/);
    await pick("Customers in scope", "bob@example.com", /Bob Babbage/);
    expect(sent(api, "PickCustomers")).toEqual([
      { text: "ada@example.com", purpose: "LEGAL_OBLIGATION", ref: "GOV-8" },
      { text: "bob@example.com", purpose: "LEGAL_OBLIGATION", ref: "GOV-8" },
    ]);
    fireEvent.click(screen.getByRole("checkbox", { name: "Email address" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Name" }));
    fireEvent.click(screen.getByRole("button", { name: "Record" }));
    await waitFor(() => expect(api.mutations).toHaveLength(1));
    expect(api.mutations[0]).toEqual({
      name: "RecordLegalRequest",
      variables: {
        input: {
          kind: "GOVERNMENT_REQUEST",
          authority: "Tax office",
          reference: "GOV-8",
          receivedAt: "2026-11-20T00:00:00.000Z",
          subjectIds: [ADA, BOB],
          categories: ["user.name", "user.contact.email"],
          notes: null,
        },
      },
    });
  });

  it("[P-06] searches customers by name under the declared purpose, and a chosen one can be removed", async () => {
    const api = setup();
    declarePurpose("SUPPORT", "GOV-8 intake");
    await pick("Customers in scope", "Ada", /Ada Lovelace/);
    await pick("Customers in scope", "Bob", /Bob Babbage/);
    expect(sent(api, "PickCustomers")).toEqual([
      { text: "Ada", purpose: "SUPPORT", ref: "GOV-8 intake" },
      { text: "Bob", purpose: "SUPPORT", ref: "GOV-8 intake" },
    ]);
    const chosen = within(screen.getByRole("list", { name: "Customers chosen" }));
    fireEvent.click(chosen.getByRole("button", { name: "Remove Ada Lovelace" }));
    expect(chosen.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Bob Babbage bob@example.com Remove",
    ]);
  });

  it("[P-11] under a legal obligation asks for the whole email address, and says so when nothing matches", async () => {
    setup();
    declarePurpose("LEGAL_OBLIGATION", "HC-2026-118");
    const picker = await screen.findByRole("combobox", { name: "Customers in scope" });
    const hint = document.getElementById(
      String(picker.getAttribute("aria-describedby")).split(" ")[0] ?? "",
    );
    expect(hint?.textContent).toMatch(
      /^Type the customer's whole email address as the request names it/,
    );
    fireEvent.change(picker, { target: { value: "Ada" } });
    await waitFor(() =>
      expect(
        screen
          .getAllByRole("status")
          .some(
            (s) =>
              s.textContent ===
              "No customer has exactly this email address or customer id. Type it whole, as the request names it.",
          ),
      ).toBe(true),
    );
  });

  it("offers the categories a disclosure may read, in words", async () => {
    setup();
    const group = within(await screen.findByRole("group", { name: "Data categories in scope" }));
    const labels = group.getAllByRole("checkbox").map((box) => box.closest("label")?.textContent);
    expect(labels).toContain(" Email address");
    expect(labels).not.toContain(" Password");
    expect(group.queryByText(/user\./)).toBeNull();
  });

  it("asks for the date it was received instead of sending the request", async () => {
    const api = setup();
    fireEvent.change(await screen.findByLabelText("Authority"), { target: { value: "Court" } });
    fireEvent.click(screen.getByRole("button", { name: "Record" }));
    const received = screen.getByLabelText("Received on");
    await waitFor(() => expect(received.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("Enter a date.")).toBeTruthy();
    expect(api.mutations).toEqual([]);
  });

  it("closes a request only once the dialog is confirmed, after which it offers no disclosure", async () => {
    const api = setup();
    fireEvent.click((await card("HC-2026-118")).getByRole("button", { name: "Close…" }));
    // Nothing is closed by the first click: the dialog names the request and what it ends.
    const dialog = within(await screen.findByRole("dialog"));
    expect(dialog.getByText(/Close “High Court — HC-2026-118”\?/).textContent).toMatch(
      /no longer kept for it\. This cannot be undone\./,
    );
    expect(api.mutations).toEqual([]);
    fireEvent.click(dialog.getByRole("button", { name: "Close the request" }));
    await waitFor(() =>
      expect(api.mutations).toEqual([{ name: "CloseLegalRequest", variables: { id: "lr-open" } }]),
    );
    const closed = await card("HC-2026-118");
    await waitFor(() => expect(closed.getByText(/· Closed/)).toBeTruthy());
    expect(closed.queryByRole("button", { name: "Produce disclosure" })).toBeNull();
  });

  it("says the register could not be read, rather than that it is empty", async () => {
    setup({
      LegalRequests: () => {
        throw refusal("INTERNAL", "Privet could not read the register. Try again.");
      },
    });
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Privet could not read the register. Try again.",
    );
    expect(screen.queryByText("No legal requests recorded.")).toBeNull();
  });

  it("says why a request could not be closed", async () => {
    setup({
      CloseLegalRequest: () => {
        throw refusal("FORBIDDEN", "Only a privacy officer closes a legal request.");
      },
    });
    fireEvent.click((await card("HC-2026-118")).getByRole("button", { name: "Close…" }));
    const dialog = within(await screen.findByRole("dialog"));
    fireEvent.click(dialog.getByRole("button", { name: "Close the request" }));
    // Said in the dialog, which stays open so the member can read it.
    expect((await dialog.findByRole("alert")).textContent).toBe(
      "Only a privacy officer closes a legal request.",
    );
  });

  it("lets an auditor read the register but not record, close or disclose", async () => {
    const api = setup({}, "AUDITOR");
    const open = await card("HC-2026-118");
    // Let the session answer and the page render for the role it names.
    await waitFor(() => expect(sent(api, "ConsoleSession")).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(open.queryByRole("button")).toBeNull();
    expect(screen.queryByRole("heading", { name: "Record a legal request" })).toBeNull();
  });
});
