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
        purpose: "SERVICE_IMPROVEMENT",
        state: "GIVEN",
        permitted: true,
        description: "Counting visits to improve the service.",
        legalBasis: "CONSENT",
        source: "BANNER",
        updatedAt: "2026-11-22T10:00:00.000Z",
        policyVersion: "2026-01-15",
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
        category: "ANALYTICS",
        description: "Counting visits to improve the service.",
        enabled: true,
        required: false,
        lockedByGpc: false,
        state: "GIVEN",
        purpose: "SERVICE_IMPROVEMENT",
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

const card = async (title: string) => {
  const li = (await screen.findByRole("heading", { level: 3, name: title })).closest("li");
  if (!li) throw new Error(`no card for ${title}`);
  return li;
};

describe("the consent centre", () => {
  it("[P-08] withdraws marketing in one click on its switch", async () => {
    const api = setup();
    const marketing = await card("Marketing");
    const toggle = within(marketing).getByRole("checkbox", { name: /^Allow marketing/ });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    expect(toggle.getAttribute("aria-describedby")).toBe("consent-marketing-status");
    fireEvent.click(toggle);
    await waitFor(() =>
      expect(api.mutations).toEqual([
        { name: "SetConsent", variables: { purpose: "MARKETING", state: "WITHDRAWN" } },
      ]),
    );
  });

  it("shows each purpose once, with the cookies that serve it, and no separate cookie switches", async () => {
    setup();
    await card("Marketing");
    // One card per purpose; no "Analytics cookies" card beside "Service improvement".
    expect(screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual([
      "Marketing",
      "Personalisation",
      "Service improvement",
      "Remarketing",
    ]);
    expect(screen.queryByRole("heading", { name: /cookies$/ })).toBeNull();
    expect(
      within(await card("Service improvement")).getByText("Cookies: Analytics cookies."),
    ).toBeTruthy();
    expect(
      within(await card("Remarketing")).getByText("Cookies: Advertising cookies."),
    ).toBeTruthy();
    expect(
      within(await card("Personalisation")).getByText("Cookies: Preferences cookies."),
    ).toBeTruthy();
    expect(within(await card("Marketing")).getByText(/No cookies/)).toBeTruthy();
    // One control style: a checkbox per purpose, no Allow/Withdraw buttons.
    expect(screen.getAllByRole("checkbox")).toHaveLength(4);
    expect(screen.queryByRole("button", { name: /^(Allow|Withdraw) / })).toBeNull();
    // The necessary cookies are described, with no switch.
    expect(screen.getByRole("heading", { level: 2, name: "Cookies we always use" })).toBeTruthy();
    expect(screen.getByText(/Keeps you signed in/)).toBeTruthy();
  });

  it("says each switch's state in words, with where it was chosen", async () => {
    setup();
    const analytics = await card("Service improvement");
    expect(
      within(analytics).getByRole("checkbox", { name: "Allow service improvement: On" }),
    ).toBeTruthy();
    expect(within(analytics).getByText(/^Allowed since .*, in the cookie banner$/)).toBeTruthy();
    const personalisation = await card("Personalisation");
    expect(
      within(personalisation).getByRole("checkbox", { name: "Allow personalisation: Off" }),
    ).toBeTruthy();
    expect(within(personalisation).getByText("Not asked yet — off")).toBeTruthy();
  });

  it("switching analytics cookies' purpose sends setConsent (the consent centre's own source), never the banner's mutation", async () => {
    const api = setup();
    const analytics = await card("Service improvement");
    fireEvent.click(
      within(analytics).getByRole("checkbox", { name: /^Allow service improvement/ }),
    );
    // The switch shows the choice at once while it is saved.
    expect(within(analytics).getByText("Saving…")).toBeTruthy();
    await waitFor(() =>
      expect(api.mutations).toEqual([
        { name: "SetConsent", variables: { purpose: "SERVICE_IMPROVEMENT", state: "WITHDRAWN" } },
      ]),
    );
    expect(api.mutations.map((m) => m.name)).not.toContain("SetCookieConsents");
  });

  it("gives a purpose never asked about in one click", async () => {
    const api = setup();
    fireEvent.click(
      within(await card("Personalisation")).getByRole("checkbox", {
        name: /^Allow personalisation/,
      }),
    );
    await waitFor(() =>
      expect(api.mutations[0]?.variables).toEqual({ purpose: "PERSONALISATION", state: "GIVEN" }),
    );
  });

  it("shows the full history: what changed, where, under which policy version", async () => {
    setup();
    const table = await screen.findByRole("table", { name: /Every consent choice/ });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["When", "What", "Choice", "Where", "Policy version", "Receipt"]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("Withdrawn");
    expect(rows[0]?.textContent).toContain("in your consent centre");
    expect(rows[1]?.textContent).toContain("when you registered");
    expect(rows[1]?.textContent).toContain("2026-01-15");
  });

  it("[P-15] says GPC was honoured and keeps remarketing (advertising cookies) locked off", async () => {
    setup({ gpc: true });
    expect(await screen.findByTestId("gpc-honoured-consents")).toBeTruthy();
    const remarketing = await card("Remarketing");
    const toggle = within(remarketing).getByRole("checkbox", { name: /^Allow remarketing: Off/ });
    expect((toggle as HTMLInputElement).disabled).toBe(true);
    expect(
      within(remarketing).getByText(/kept off because your browser sends Global Privacy Control/),
    ).toBeTruthy();
    // The other purposes stay switchable.
    const marketing = within(await card("Marketing")).getByRole("checkbox");
    expect((marketing as HTMLInputElement).disabled).toBe(false);
  });

  it("[P-13] [P-14] links to the advertising provider's ad settings as an external link", async () => {
    setup();
    const link = await screen.findByRole("link", { name: /ad settings/ });
    expect(link.getAttribute("href")).toBe(AD_SETTINGS_URL);
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(link.getAttribute("target")).toBe("_blank");
  });
});
