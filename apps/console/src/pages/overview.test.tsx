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

  it("says why the overview could not be loaded", async () => {
    setup(refusal("FORBIDDEN", "Support agents work cases, not the programme."));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Support agents work cases, not the programme.",
    );
  });
});
