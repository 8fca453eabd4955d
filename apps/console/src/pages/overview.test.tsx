import { fakeApi } from "@privet/ui/test-support/fake-client";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { figureCaptioned, numbersOf, refusal } from "../test-support/console.js";
import { OverviewPage } from "./overview.js";

const CONSENT = "Consent given, share of customers, by purpose (last 12 months)";
const REQUESTS = "Open privacy requests by the week they fall due";
const READS = "Reads of personal data by staff and partners, by purpose (last 30 days)";

const rate = (at: string, purpose: string, given: number, customers: number) => ({
  at,
  purpose,
  given,
  customers,
  rate: given / customers,
});

function setup(overview: unknown) {
  const api = fakeApi({
    PrivacyOverview: () => {
      if (overview instanceof Error) throw overview;
      return { privacyOverview: overview };
    },
  });
  render(<OverviewPage />, { wrapper: api.wrapper });
  return api;
}

const overview = {
  consentRates: [
    rate("2026-11-01T00:00:00.000Z", "MARKETING", 40, 80),
    rate("2026-12-01T00:00:00.000Z", "MARKETING", 50, 80),
    rate("2026-11-01T00:00:00.000Z", "PERSONALISATION", 8, 80),
    rate("2026-12-01T00:00:00.000Z", "PERSONALISATION", 0, 80),
  ],
  openRequestsByDueWeek: [
    { weekOf: "2026-11-23T00:00:00.000Z", open: 5, overdue: 2 },
    { weekOf: "2026-11-30T00:00:00.000Z", open: 4, overdue: 0 },
  ],
  accessesByPurpose: [
    { purpose: "SUPPORT", allowed: 10, denied: 1 },
    { purpose: null, allowed: 0, denied: 4 },
  ],
  requestsDue: null,
  openBreaches: null,
  recentBreakGlassGrants: null,
};

/** What a privacy officer sees: every list. */
const officersOverview = {
  ...overview,
  requestsDue: {
    overdue: 1,
    dueThisWeek: 1,
    requests: [
      {
        id: "0195f3c2-7a10-7000-8000-0000000000r1",
        kind: "DELETION",
        status: "VERIFIED",
        jurisdiction: "GDPR",
        dueAt: "2026-12-03T00:00:00.000Z",
        daysLeft: -3,
      },
      {
        id: "0195f3c2-7a10-7000-8000-0000000000r2",
        kind: "ACCESS",
        status: "RECEIVED",
        jurisdiction: "CCPA",
        dueAt: "2026-12-07T00:00:00.000Z",
        daysLeft: 1,
      },
    ],
  },
  openBreaches: [
    {
      id: "b1",
      title: "Mailer credentials leaked",
      discoveredAt: "2026-12-05T10:00:00.000Z",
      authorityNoticeDue: "2026-12-08T10:00:00.000Z",
      hoursLeft: 61,
      notifying: false,
    },
    {
      id: "b2",
      title: "Lost laptop",
      discoveredAt: "2026-11-20T10:00:00.000Z",
      authorityNoticeDue: "2026-11-23T10:00:00.000Z",
      hoursLeft: -300,
      notifying: true,
    },
  ],
  recentBreakGlassGrants: [
    {
      id: "g1",
      reason: "MALFUNCTION",
      startsAt: "2026-12-06T08:00:00.000Z",
      expiresAt: "2026-12-06T12:00:00.000Z",
      revokedAt: null,
      active: true,
    },
  ],
};

describe("the overview", () => {
  it("charts consent rates by purpose, each month labelled by the month it closes", async () => {
    setup(overview);
    await screen.findByRole("heading", { name: "Overview" });
    expect(numbersOf(CONSENT)).toEqual([
      ["", "Oct 26", "Nov 26"],
      ["Marketing", "50%", "63%"],
      ["Personalisation", "10%", "0%"],
    ]);
    expect(within(figureCaptioned(CONSENT)).getByRole("img", { name: CONSENT })).toBeTruthy();
  });

  it("charts open requests per due week, split into on time and overdue", async () => {
    setup(overview);
    await screen.findByRole("heading", { name: "Overview" });
    expect(numbersOf(REQUESTS)).toEqual([
      ["", "on time", "overdue"],
      ["week of 23 Nov", "3", "2"],
      ["week of 30 Nov", "4", "0"],
    ]);
  });

  it("charts reads by purpose, allowed and refused, reads with no purpose included", async () => {
    setup(overview);
    await screen.findByRole("heading", { name: "Overview" });
    expect(numbersOf(READS)).toEqual([
      ["", "allowed", "refused"],
      ["Support", "10", "1"],
      ["no purpose", "0", "4"],
    ]);
  });

  it("says when there is nothing to chart yet", async () => {
    setup({ consentRates: [], openRequestsByDueWeek: [], accessesByPurpose: [] });
    await screen.findByRole("heading", { name: "Overview" });
    expect(within(figureCaptioned(REQUESTS)).getByText("Nothing to show yet.")).toBeTruthy();
    expect(within(figureCaptioned(READS)).getByText("Nothing to show yet.")).toBeTruthy();
  });

  it("starts the day with the counts, requests due in words, and breaches on their 72-hour clocks", async () => {
    setup(officersOverview);
    await screen.findByRole("heading", { name: "Overview", level: 1 });
    const tiles = within(screen.getByLabelText("Today"))
      .getAllByRole("term")
      .map((t) => [t.textContent, t.nextElementSibling?.textContent]);
    expect(tiles).toEqual([
      ["Requests overdue", "1"],
      ["Requests due this week", "1"],
      ["Open breaches", "2"],
      ["Break-glass grants active", "1"],
    ]);
    const due = within(screen.getByRole("region", { name: "Requests due this week and overdue" }));
    const rows = due.getAllByRole("row").slice(1);
    expect(rows[0]?.textContent).toContain("3 days overdue");
    expect(rows[0]?.textContent).toContain("Deletion");
    expect(rows[1]?.textContent).toContain("due tomorrow");
    // The whole reference, not a cut-off id.
    expect(due.getByText("0195f3c2-7a10-7000-8000-0000000000r1")).toBeTruthy();
    const breaches = within(screen.getByRole("region", { name: "Open breaches" }));
    expect(breaches.getByText("Mailer credentials leaked").closest("li")?.textContent).toContain(
      "61 hours left",
    );
    expect(breaches.getByText("Lost laptop").closest("li")?.textContent).toContain(
      "12 days overdue (notices being sent)",
    );
    const grants = within(screen.getByRole("region", { name: /Break-glass grants/ }));
    expect(grants.getByRole("listitem").textContent).toContain("active");
  });

  it("shows only the lists the API gave the role, and no empty tiles for the others", async () => {
    setup(overview);
    await screen.findByRole("heading", { name: "Overview", level: 1 });
    expect(screen.queryByRole("region", { name: /Requests due/ })).toBeNull();
    expect(screen.queryByRole("region", { name: "Open breaches" })).toBeNull();
    expect(screen.queryByRole("region", { name: /Break-glass/ })).toBeNull();
    expect(screen.queryByLabelText("Today")).toBeNull();
    // Consent rates are for every role that has the overview: today's rate per purpose.
    const consent = within(screen.getByRole("region", { name: "Consent today" }));
    expect(consent.getByText("Marketing").nextElementSibling?.textContent).toBe(
      "63% of 80 customers",
    );
  });

  it("says why the overview could not be loaded", async () => {
    setup(refusal("FORBIDDEN", "Support agents work cases, not the programme."));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Support agents work cases, not the programme.",
    );
  });
});
