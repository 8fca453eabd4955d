import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AccessLog } from "./access-log.js";

const staffEntry = (n: number) => ({
  id: `rec-${n}`,
  accessorKind: "STAFF",
  staffRole: "PRIVACY_OFFICER",
  processorName: null,
  purpose: "SUPPORT",
  reference: `T-${n}`,
  occurredAt: `2026-11-${String(n).padStart(2, "0")}T10:00:00.000Z`,
  categories: ["user.name", "user.contact.email", "user.contact.country"],
  refusedCategories: [],
  breakGlassReason: null,
  underLegalRequest: false,
});

const partnerEntry = {
  id: "rec-partner",
  accessorKind: "PARTNER",
  staffRole: null,
  processorName: "Acme Mail",
  purpose: "SERVICE_ANNOUNCEMENTS",
  reference: null,
  occurredAt: "2026-11-21T10:00:00.000Z",
  categories: ["user.contact.email"],
  refusedCategories: ["user.financial.card.last4"],
  breakGlassReason: null,
  underLegalRequest: false,
};

const summary = {
  days: 30,
  staffReads: 2,
  partnerReads: 3,
  partners: [{ id: "p-1", name: "Acme Mail", reads: 3 }],
  complete: true,
};

const firstPage = (nodes: unknown[], endCursor: string | null, hasNextPage: boolean) => ({
  me: {
    id: "c1",
    accessSummary: summary,
    accessesKeptSince: null,
    accessPartners: [
      { id: "p-1", name: "Acme Mail" },
      { id: "p-2", name: "Cloudy Storage" },
    ],
    accesses: { nodes, pageInfo: { endCursor, hasNextPage } },
  },
});

const olderPage = (numbers: number[], endCursor: string | null, hasNextPage: boolean) => ({
  me: {
    id: "c1",
    accesses: { nodes: numbers.map(staffEntry), pageInfo: { endCursor, hasNextPage } },
  },
});

const list = () => screen.getByRole("list", { name: "Accesses to your data, newest first" });
const references = () =>
  within(list())
    .getAllByRole("listitem")
    .map((item) => item.textContent?.match(/T-\d+/)?.[0]);

describe("the access log", () => {
  it("[P-12] shows one entry per access: who by role or partner name, why in words, what as a list, refusals plainly, and the 30-day summary", async () => {
    const api = fakeApi({
      AccessLog: () => firstPage([partnerEntry, staffEntry(20)], null, false),
    });
    render(<AccessLog />, { wrapper: api.wrapper });
    await screen.findByRole("list", { name: "Accesses to your data, newest first" });
    expect(
      screen.getByText("Last 30 days: 2 staff reads, 1 partner (Acme Mail, 3 reads)."),
    ).toBeTruthy();
    const [partner, staff] = within(list()).getAllByRole("listitem");
    if (!partner || !staff) throw new Error("two entries expected");
    expect(partner.getAttribute("data-accessor")).toBe("PARTNER");
    expect(within(partner).getByText("Acme Mail (partner)")).toBeTruthy();
    expect(within(partner).getByText("Service announcements")).toBeTruthy();
    expect(within(partner).getByText("Email address")).toBeTruthy();
    expect(
      within(partner).getByText("Asked for but not shown to them: Payment card last four digits"),
    ).toBeTruthy();
    expect(within(staff).getByText("Privet staff: Privacy officer")).toBeTruthy();
    expect(within(staff).getByText("Support, reference T-20")).toBeTruthy();
    expect(within(staff).getByText("Name, Email address, Country")).toBeTruthy();
    expect(within(staff).queryByText(/Refused/)).toBeNull();
    // No internal names anywhere.
    expect(document.body.textContent).not.toMatch(/user\.|SUPPORT|PRIVACY_OFFICER/);
  });

  it("narrows by who and why: each choice asks the API again with that filter, and older pages keep it", async () => {
    const api = fakeApi({
      AccessLog: () => firstPage([staffEntry(20)], "cursor-1", true),
      AccessLogOlder: () => olderPage([19], null, false),
    });
    render(<AccessLog />, { wrapper: api.wrapper });
    await screen.findByRole("list", { name: "Accesses to your data, newest first" });
    const whoSelect = screen.getByLabelText("Who");
    expect(
      within(whoSelect)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Everyone", "Privet staff", "All partners", "Acme Mail", "Cloudy Storage"]);
    fireEvent.change(whoSelect, { target: { value: "staff" } });
    await screen.findByRole("list");
    fireEvent.change(whoSelect, { target: { value: "p-2" } });
    await screen.findByRole("list");
    fireEvent.change(screen.getByLabelText("Why"), { target: { value: "SUPPORT" } });
    await screen.findByRole("list");
    const asked = api.queries.filter((q) => q.name === "AccessLog").map((q) => q.variables.filter);
    expect(asked).toEqual(
      expect.arrayContaining([
        null,
        { who: "STAFF" },
        { processorId: "p-2" },
        { processorId: "p-2", purpose: "SUPPORT" },
      ]),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Show older entries" }));
    await screen.findByText(/there are no older entries/);
    expect(api.queries.filter((q) => q.name === "AccessLogOlder").map((q) => q.variables)).toEqual([
      { after: "cursor-1", filter: { processorId: "p-2", purpose: "SUPPORT" } },
    ]);
  });

  it("shows the newest page, then appends each older page by its cursor until the oldest", async () => {
    const older: Record<string, () => unknown> = {
      "cursor-1": () => olderPage([18, 17], "cursor-2", true),
      "cursor-2": () => olderPage([16], null, false),
    };
    const api = fakeApi({
      AccessLog: () => firstPage([staffEntry(20), staffEntry(19)], "cursor-1", true),
      AccessLogOlder: (v) => {
        const answer = older[String(v.after)];
        if (!answer) throw new Error(`unexpected cursor ${String(v.after)}`);
        return answer();
      },
    });
    render(<AccessLog />, { wrapper: api.wrapper });
    await screen.findByRole("list", { name: "Accesses to your data, newest first" });
    expect(references()).toEqual(["T-20", "T-19"]);
    fireEvent.click(screen.getByRole("button", { name: "Show older entries" }));
    await screen.findByRole("button", { name: "Show older entries" });
    expect(references()).toEqual(["T-20", "T-19", "T-18", "T-17"]);
    fireEvent.click(screen.getByRole("button", { name: "Show older entries" }));
    expect(await screen.findByText(/there are no older entries/)).toBeTruthy();
    expect(references()).toEqual(["T-20", "T-19", "T-18", "T-17", "T-16"]);
    expect(screen.getByRole("status").textContent).toBe("Showing 5 entries.");
  });

  it("names privacy-request details truthfully, and says 'at least' when the summary counted only the newest 1,000", async () => {
    const request = {
      ...staffEntry(5),
      purpose: "PRIVACY_REQUEST_HANDLING",
      reference: "DSR-queue",
      categories: ["user.name", "user.content.message"],
    };
    const api = fakeApi({
      AccessLog: () => {
        const answer = firstPage([request], null, false);
        return {
          me: {
            ...answer.me,
            accessSummary: { ...summary, staffReads: 1000, partners: [], complete: false },
          },
        };
      },
    });
    render(<AccessLog />, { wrapper: api.wrapper });
    expect(
      await screen.findByText("Last 30 days: at least 1,000 staff reads, no partners."),
    ).toBeTruthy();
    expect(screen.getByText("Handling a privacy request, reference DSR-queue")).toBeTruthy();
    expect(
      screen.getByText(
        "Name, Messages between you and us (questions, privacy requests, our replies)",
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/Messages you sent us/)).toBeNull();
  });

  it("says where the record starts once older months were archived, and nothing when none were", async () => {
    const archived = fakeApi({
      AccessLog: () => {
        const answer = firstPage([staffEntry(1)], null, false);
        return { me: { ...answer.me, accessesKeptSince: "2026-07-01T00:00:00.000Z" } };
      },
    });
    const { unmount } = render(<AccessLog />, { wrapper: archived.wrapper });
    expect(
      await screen.findByText(
        'This record starts in July 2026: older entries were moved to our archive. To see them, make an access request from "My requests".',
      ),
    ).toBeTruthy();
    unmount();

    const complete = fakeApi({ AccessLog: () => firstPage([staffEntry(1)], null, false) });
    render(<AccessLog />, { wrapper: complete.wrapper });
    await screen.findByText(/Last 30 days/);
    expect(screen.queryByText(/This record starts/)).toBeNull();
  });

  it("says when nothing was read, and when a filter matches nothing", async () => {
    const api = fakeApi({
      AccessLog: (v) =>
        v.filter
          ? firstPage([], null, false)
          : {
              me: {
                ...firstPage([], null, false).me,
                accessSummary: { ...summary, staffReads: 0, partnerReads: 0, partners: [] },
              },
            },
    });
    render(<AccessLog />, { wrapper: api.wrapper });
    expect(
      await screen.findByText("Nobody at Privet or at our partners has read your data."),
    ).toBeTruthy();
    expect(screen.getByText("Last 30 days: no staff reads, no partners.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Why"), { target: { value: "MARKETING" } });
    expect(await screen.findByText("No access matches these choices.")).toBeTruthy();
  });
});
