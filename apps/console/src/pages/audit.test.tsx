import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pick, refusal, sent } from "../test-support/console.js";
import { AuditPage } from "./audit.js";

const ADA = "0195f3c2-7a10-7000-8000-00000000ada1";
const AGENT = "0195f3c2-7a10-7000-8000-0000000000a9";

const event = (over: Record<string, unknown>) => ({
  id: "e1",
  principalKind: "STAFF",
  principalId: "s1",
  staffRole: "SUPPORT_AGENT",
  processorName: null,
  purpose: "SUPPORT",
  reference: "T-1042",
  subjectId: ADA,
  category: "user.contact.email",
  fieldPath: "customer.email",
  outcome: "ALLOWED",
  denyReason: null,
  occurredAt: "2026-11-24T12:00:00.000Z",
  breakGlassId: null,
  legalRequestId: null,
  ...over,
});

const intact = (checked: number) => ({ ok: true, checked, firstBroken: null });

function setup(handlers: Parameters<typeof fakeApi>[0] = {}) {
  const api = fakeApi({
    AuditEvents: () => ({
      auditEvents: {
        nodes: [
          event({}),
          event({
            id: "e2",
            principalKind: "PARTNER",
            staffRole: null,
            processorName: "AdNet",
            purpose: "REMARKETING",
            reference: null,
            category: "user.behavior.navigation",
            outcome: "DENIED",
            denyReason: "CONSENT_WITHDRAWN",
          }),
          event({
            id: "e3",
            staffRole: "SECURITY_OFFICER",
            purpose: "MALFUNCTION_INVESTIGATION",
            reference: "INC-7",
            category: "user.held.other_individuals",
            breakGlassId: "g1",
          }),
        ],
        pageInfo: { endCursor: null, hasNextPage: false },
      },
    }),
    AuditVerification: () => ({
      auditVerification: {
        verifiedAt: "2026-11-25T12:00:00.000Z",
        auditLog: intact(120),
        consentLedger: intact(48),
        staffActions: intact(9),
        archivedMonths: [],
      },
    }),
    AuditExport: (v) => ({
      auditExport: {
        fileName: `audit.${String(v.format).toLowerCase()}`,
        contentType: "text/csv",
        rows: 3,
        content: "id,occurredAt\n",
      },
    }),
    PickStaff: () => ({
      searchStaff: [{ id: AGENT, name: "Sam Support", role: "SUPPORT_AGENT" }],
    }),
    PickProcessors: () => ({ searchProcessors: [] }),
    ...handlers,
  });
  render(<AuditPage />, { wrapper: api.wrapper });
  return api;
}

function filterBy(values: Record<string, string>) {
  const form = within(screen.getByRole("form", { name: "Filter the access log" }));
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(form.getByLabelText(label), { target: { value } });
  }
  fireEvent.click(form.getByRole("button", { name: "Filter" }));
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("the audit page", () => {
  it("appends older reads by the page's cursor, under the same filter, until the oldest", async () => {
    const page = (ids: string[], endCursor: string | null, hasNextPage: boolean) => ({
      auditEvents: {
        nodes: ids.map((id) => event({ id, reference: id })),
        pageInfo: { endCursor, hasNextPage },
      },
    });
    const api = setup({
      AuditEvents: (v) =>
        v.after === "c1"
          ? page(["R-3"], null, false)
          : v.after === undefined || v.after === null
            ? page(["R-1", "R-2"], "c1", true)
            : (() => {
                throw new Error(`unexpected cursor ${String(v.after)}`);
              })(),
    });
    await screen.findByRole("table");
    fireEvent.click(
      screen.getAllByRole("button", { name: "Only this customer" })[0] as HTMLElement,
    );
    await waitFor(() =>
      expect(sent(api, "AuditEvents").at(-1)?.filter).toMatchObject({ subjectId: ADA }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Show older entries" }));
    expect(await screen.findByText(/there are no older entries/)).toBeTruthy();
    const references = within(screen.getByRole("table"))
      .getAllByRole("row")
      .slice(1)
      .map((row) => row.textContent?.match(/R-\d/)?.[0]);
    expect(references).toEqual(["R-1", "R-2", "R-3"]);
    expect(sent(api, "AuditEvents").at(-1)).toEqual({
      filter: expect.objectContaining({ subjectId: ADA }),
      after: "c1",
      order: "NEWEST_FIRST",
    });
  });

  it("lists who read what, for which purpose, and whether it was allowed", async () => {
    setup();
    const rows = within(await screen.findByRole("table"))
      .getAllByRole("row")
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      );
    // Categories and outcomes in words; the customer's id whole, to copy.
    expect(rows[0]?.slice(1)).toEqual([
      "Support agent",
      `${ADA}CopyOnly this customer`,
      "Email address",
      "Support (T-1042)",
      "Allowed",
    ]);
    expect(rows[1]?.slice(1)).toEqual([
      "AdNet",
      `${ADA}CopyOnly this customer`,
      "Navigation events",
      "Remarketing",
      "Refused: the customer has not consented to this purpose",
    ]);
    expect(rows[2]?.[3]).toBe("Records you hold about other individuals");
    expect(rows[2]?.[4]).toBe("Malfunction investigation (INC-7) · break-glass");
  });

  it("reads the whole trail oldest first when asked, paging on in that order; no column re-sorts the page", async () => {
    const api = setup({
      AuditEvents: (v) => ({
        auditEvents: {
          nodes: v.after ? [event({ id: "e9", reference: "LATER" })] : [event({})],
          pageInfo: v.after
            ? { endCursor: null, hasNextPage: false }
            : { endCursor: `${String(v.order)}-c1`, hasNextPage: true },
        },
      }),
    });
    expect(await screen.findByRole("table", { name: /newest first/ })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Order"), { target: { value: "OLDEST_FIRST" } });
    await waitFor(() =>
      expect(sent(api, "AuditEvents").at(-1)).toEqual({ filter: {}, order: "OLDEST_FIRST" }),
    );
    expect(await screen.findByRole("table", { name: /oldest first/ })).toBeTruthy();
    fireEvent.click(await screen.findByRole("button", { name: "Show newer entries" }));
    expect(await screen.findByText(/there are no newer entries/)).toBeTruthy();
    expect(sent(api, "AuditEvents").at(-1)).toEqual({
      filter: {},
      after: "OLDEST_FIRST-c1",
      order: "OLDEST_FIRST",
    });
    for (const header of screen.getAllByRole("columnheader")) {
      expect(within(header).queryByRole("button")).toBeNull();
    }
    // The phone's "Sort by" choice is gone too: the order above is the only one.
    expect(screen.queryByLabelText(/Sort by/)).toBeNull();
  });

  it("asks for a purpose, in words, when one customer's reads need one", async () => {
    setup({
      AuditEvents: (v) => {
        if ((v.filter as { subjectId?: string } | undefined)?.subjectId) {
          throw refusal("PURPOSE_REQUIRED", "A purpose must be declared to read personal data.");
        }
        return {
          auditEvents: { nodes: [event({})], pageInfo: { endCursor: null, hasNextPage: false } },
        };
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Only this customer" }));
    expect(
      await screen.findByText(
        "One customer's reads are their access log: declare a purpose above to see them.",
      ),
    ).toBeTruthy();
  });

  it("says in words when nothing is recorded, and when the filters match nothing", async () => {
    setup({
      AuditEvents: () => ({
        auditEvents: { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } },
      }),
    });
    expect(await screen.findByText("No reads of personal data are recorded yet.")).toBeTruthy();
    filterBy({ Outcome: "DENIED" });
    expect(await screen.findByText(/No reads match these filters/)).toBeTruthy();
  });

  it("sends every filter as the query's variables, the day chosen as To included", async () => {
    const api = setup();
    await screen.findByRole("table");
    await pick("Read by", "Sam", /Sam Support/);
    fireEvent.click(
      screen.getAllByRole("button", { name: "Only this customer" })[0] as HTMLElement,
    );
    filterBy({
      Category: "user.contact.email",
      Purpose: "SUPPORT",
      Outcome: "DENIED",
      From: "2026-11-01",
      To: "2026-11-30",
    });
    await waitFor(() =>
      expect(sent(api, "AuditEvents").at(-1)).toEqual({
        filter: {
          principalId: AGENT,
          subjectId: ADA,
          category: "user.contact.email",
          purpose: "SUPPORT",
          outcome: "DENIED",
          from: "2026-11-01T00:00:00.000Z",
          to: "2026-12-01T00:00:00.000Z",
        },
        order: "NEWEST_FIRST",
      }),
    );
  });

  it("reads one whole day when From and To are the same day", async () => {
    const api = setup();
    await screen.findByRole("table");
    filterBy({ From: "2026-11-25", To: "2026-11-25" });
    await waitFor(() =>
      expect(sent(api, "AuditEvents").at(-1)?.filter).toMatchObject({
        from: "2026-11-25T00:00:00.000Z",
        to: "2026-11-26T00:00:00.000Z",
      }),
    );
  });

  it("starts with no filter and sends empty fields as nulls", async () => {
    const api = setup();
    await screen.findByRole("table");
    expect(sent(api, "AuditEvents")).toEqual([{ filter: {}, order: "NEWEST_FIRST" }]);
    filterBy({});
    await waitFor(() =>
      expect(sent(api, "AuditEvents").at(-1)).toEqual({
        filter: {
          principalId: null,
          subjectId: null,
          category: null,
          purpose: null,
          outcome: null,
          from: null,
          to: null,
        },
        order: "NEWEST_FIRST",
      }),
    );
  });

  it("shows the three hash chains intact with the links checked", async () => {
    setup();
    const chains = await screen.findAllByText(/links checked/);
    expect(chains.map((c) => c.closest("li")?.textContent)).toEqual([
      "Audit log: intact (120 links checked)",
      "Consent ledger: intact (48 links checked)",
      "Staff action log: intact (9 links checked)",
    ]);
  });

  it("shows where a chain is broken", async () => {
    setup({
      AuditVerification: () => ({
        auditVerification: {
          verifiedAt: "2026-11-25T12:00:00.000Z",
          auditLog: intact(120),
          consentLedger: {
            ok: false,
            checked: 42,
            firstBroken: { chain: "consent", sequence: 42, problem: "HASH_MISMATCH" },
          },
          staffActions: {
            ok: false,
            checked: 6,
            firstBroken: { chain: "staff-1", sequence: 7, problem: "HEAD_REBUILT" },
          },
          archivedMonths: [],
        },
      }),
    });
    const broken = await screen.findAllByText(/BROKEN/);
    expect(broken.map((item) => item.closest("li")?.textContent)).toEqual([
      "Consent ledger: BROKEN at consent #42: an entry's content was changed after it was written",
      "Staff action log: BROKEN at staff-1 #7: the chain's head was missing and was rebuilt",
    ]);
    expect(broken[0]?.closest("li")?.dataset.chain).toBe("Consent ledger");
  });

  it("says nothing was archived, or which months left the database for files, per history", async () => {
    setup();
    expect(
      await screen.findByText(
        "Nothing has been archived: every entry since the first is in the database.",
      ),
    ).toBeTruthy();
  });

  it("names the archived months of each history in words, with their entries", async () => {
    setup({
      AuditVerification: () => ({
        auditVerification: {
          verifiedAt: "2026-11-25T12:00:00.000Z",
          auditLog: intact(120),
          consentLedger: intact(48),
          staffActions: intact(9),
          archivedMonths: [
            { history: "AUDIT_LOG", month: "2025-03", entries: 1200 },
            { history: "STAFF_ACTIONS", month: "2025-03", entries: 4 },
            { history: "AUDIT_LOG", month: "2025-04", entries: 34 },
          ],
        },
      }),
    });
    const archived = await screen.findByLabelText("Archived history");
    expect([...archived.querySelectorAll("p")].map((p) => p.textContent)).toEqual([
      "Audit log: 2 months archived to files, March 2025 to April 2025 (1,234 entries).",
      "Staff action log: 1 month archived to files, March 2025 (4 entries).",
      "The chains above are verified from where the archived files end. npm run db:archive -- --verify with the archive folder checks the files and the chains together.",
    ]);
  });

  it("verifies the chains again when asked", async () => {
    const api = setup();
    await screen.findAllByText(/links checked/);
    fireEvent.click(screen.getByRole("button", { name: "Verify again" }));
    await waitFor(() => expect(sent(api, "AuditVerification")).toHaveLength(2));
  });

  it("exports what the filter selects, as the file the API names", async () => {
    const api = setup();
    await screen.findByRole("table");
    const createObjectURL = vi.fn(() => "blob:audit");
    // jsdom has no object URLs: a URL class that hands one out stands in for the browser's.
    vi.stubGlobal(
      "URL",
      Object.assign(class extends URL {}, { createObjectURL, revokeObjectURL: vi.fn() }),
    );
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(`${this.download} ${this.href}`);
    });
    filterBy({ Purpose: "SUPPORT" });
    fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(downloads).toEqual(["audit.csv blob:audit"]));
    expect(sent(api, "AuditExport")).toEqual([
      {
        filter: expect.objectContaining({ purpose: "SUPPORT", subjectId: null }),
        format: "CSV",
      },
    ]);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });

  it("exports the signed checkpoints as the file the API names", async () => {
    const api = setup({
      ChainCheckpointExport: () => ({
        chainCheckpointExport: {
          fileName: "privet-checkpoints.json",
          content: '{"format":"privet-checkpoints/1"}',
          keyId: "0123456789abcdef",
        },
      }),
    });
    await screen.findAllByText(/links checked/);
    const createObjectURL = vi.fn(() => "blob:checkpoints");
    vi.stubGlobal(
      "URL",
      Object.assign(class extends URL {}, { createObjectURL, revokeObjectURL: vi.fn() }),
    );
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(`${this.download} ${this.href}`);
    });
    fireEvent.click(screen.getByRole("button", { name: "Export signed checkpoints" }));
    await waitFor(() => expect(downloads).toEqual(["privet-checkpoints.json blob:checkpoints"]));
    expect(sent(api, "ChainCheckpointExport")).toHaveLength(1);
  });

  it("says why an export failed", async () => {
    setup({
      AuditExport: () => {
        throw refusal(
          "BAD_USER_INPUT",
          "More than 10000 events match: narrow the filter.",
          "filter",
        );
      },
    });
    await screen.findByRole("table");
    fireEvent.click(screen.getByRole("button", { name: "Export JSON" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "More than 10000 events match: narrow the filter.",
    );
  });
});
