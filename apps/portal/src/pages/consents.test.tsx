import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AD_SETTINGS_URL, ConsentCentre } from "./consents.js";

function consentCentre({ marketing = "GIVEN", gpc = false } = {}) {
  return {
    myConsents: [
      {
        purpose: "MARKETING",
        state: marketing,
        permitted: marketing === "GIVEN",
        description: "News and offers by email.",
        legalBasis: "CONSENT",
        source: "REGISTRATION",
        updatedAt: "2026-11-20T10:00:00.000Z",
        policyVersion: "2026-01-15",
      },
      {
        purpose: "PERSONALISATION",
        state: null,
        permitted: false,
        description: "Suggestions based on what you use.",
        legalBasis: "CONSENT",
        source: null,
        updatedAt: null,
        policyVersion: null,
      },
      {
        purpose: "REMARKETING",
        state: gpc ? "WITHDRAWN" : null,
        permitted: false,
        description: "Ads on other sites.",
        legalBasis: "CONSENT",
        source: gpc ? "GPC" : null,
        updatedAt: null,
        policyVersion: null,
      },
    ],
    cookieConsents: [
      {
        category: "NECESSARY",
        description: "Keeps you signed in.",
        enabled: true,
        required: true,
        lockedByGpc: false,
        state: "GIVEN",
        purpose: null,
      },
      {
        category: "ADVERTISING",
        description: "Relevant ads.",
        enabled: false,
        required: false,
        lockedByGpc: gpc,
        state: null,
        purpose: "REMARKETING",
      },
    ],
    consentHistory: [
      {
        id: "h2",
        purpose: "MARKETING",
        state: "WITHDRAWN",
        source: "PORTAL",
        occurredAt: "2026-11-21T09:00:00.000Z",
        policyVersion: "2026-01-15",
        jurisdiction: "GDPR",
      },
      {
        id: "h1",
        purpose: "MARKETING",
        state: "GIVEN",
        source: "REGISTRATION",
        occurredAt: "2026-11-20T10:00:00.000Z",
        policyVersion: "2026-01-15",
        jurisdiction: "GDPR",
      },
    ],
    privacySignals: { gpc, gpcHonoured: gpc, dnt: false, dntRecorded: false },
  };
}

function setup(options?: Parameters<typeof consentCentre>[0]) {
  const api = fakeApi({
    ConsentCentre: () => consentCentre(options),
    SetConsent: (v) => ({
      setConsent: {
        purpose: v.purpose,
        state: v.state,
        permitted: v.state === "GIVEN",
        updatedAt: "2026-11-25T00:00:00.000Z",
      },
    }),
    SetCookieConsents: () => ({ setCookieConsents: [] }),
  });
  render(<ConsentCentre />, { wrapper: api.wrapper });
  return api;
}

describe("the consent centre", () => {
  it("[P-08] withdraws marketing in one click", async () => {
    const api = setup();
    fireEvent.click(await screen.findByRole("button", { name: "Withdraw marketing" }));
    await waitFor(() =>
      expect(api.mutations).toEqual([
        { name: "SetConsent", variables: { purpose: "MARKETING", state: "WITHDRAWN" } },
      ]),
    );
  });

  it("gives a purpose never asked about in one click, and says it is off until then", async () => {
    const api = setup();
    const card = (await screen.findByRole("heading", { name: "Personalisation" })).closest("li");
    if (!card) throw new Error("no card");
    expect(within(card).getByText(/Not asked yet — off/)).toBeTruthy();
    fireEvent.click(within(card).getByRole("button", { name: "Allow personalisation" }));
    await waitFor(() =>
      expect(api.mutations[0]?.variables).toEqual({ purpose: "PERSONALISATION", state: "GIVEN" }),
    );
  });

  it("shows the full history with dates, how each choice was made and the policy version", async () => {
    setup();
    const table = await screen.findByRole("table", { name: /Every consent choice/ });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("Withdrawn");
    expect(rows[0]?.textContent).toContain("in this portal");
    expect(rows[1]?.textContent).toContain("when you registered");
    expect(rows[1]?.textContent).toContain("2026-01-15");
  });

  it("[P-15] says GPC was honoured and keeps advertising cookies locked off", async () => {
    setup({ gpc: true });
    expect(await screen.findByTestId("gpc-honoured-consents")).toBeTruthy();
    const advertising = screen.getByRole("checkbox", {
      name: /Off — kept off because your browser sends Global Privacy Control/,
    });
    expect((advertising as HTMLInputElement).disabled).toBe(true);
  });

  it("[P-13] [P-14] links to the advertising provider's ad settings as an external link", async () => {
    setup();
    const link = await screen.findByRole("link", { name: /ad settings/ });
    expect(link.getAttribute("href")).toBe(AD_SETTINGS_URL);
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(link.getAttribute("target")).toBe("_blank");
  });

  it("switches a cookie category with one click", async () => {
    const api = setup();
    fireEvent.click(await screen.findByRole("checkbox", { name: "Off" }));
    await waitFor(() =>
      expect(api.mutations[0]).toEqual({
        name: "SetCookieConsents",
        variables: { choices: [{ category: "ADVERTISING", enabled: true }] },
      }),
    );
  });
});
