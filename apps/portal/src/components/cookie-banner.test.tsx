import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CookieBanner, CookieSettingsLink } from "./cookie-banner.js";

const categories = (state: string | null, gpc = false) => [
  {
    category: "NECESSARY",
    description: "Keeps you signed in.",
    enabled: true,
    required: true,
    lockedByGpc: false,
    state: "GIVEN",
  },
  {
    category: "PREFERENCES",
    description: "Remembers settings.",
    enabled: false,
    required: false,
    lockedByGpc: false,
    state,
  },
  {
    category: "ANALYTICS",
    description: "Counts visits.",
    enabled: false,
    required: false,
    lockedByGpc: false,
    state,
  },
  {
    category: "ADVERTISING",
    description: "Relevant ads.",
    enabled: false,
    required: false,
    lockedByGpc: gpc,
    state,
  },
];

function setup(state: string | null = null, gpc = false) {
  const api = fakeApi({
    CookieBanner: () => ({
      cookieConsents: categories(state, gpc),
      privacySignals: { gpc, gpcHonoured: gpc },
    }),
    SetCookieConsents: () => ({ setCookieConsents: [] }),
  });
  render(
    <>
      <CookieBanner />
      <main id="main" tabIndex={-1}>
        <h1>A page</h1>
      </main>
      <footer>
        <CookieSettingsLink signedIn={false} />
      </footer>
    </>,
    { wrapper: api.wrapper },
  );
  return api;
}

const banner = () => screen.queryByRole("region", { name: "Cookies on Privet" });

describe("the cookie banner", () => {
  it("[P-13] reject all sends every optional category off, and the banner goes away", async () => {
    const api = setup();
    fireEvent.click(await screen.findByRole("button", { name: "Reject all" }));
    await waitFor(() => expect(api.mutations).toHaveLength(1));
    expect(api.mutations[0]).toEqual({
      name: "SetCookieConsents",
      variables: {
        choices: [
          { category: "PREFERENCES", enabled: false },
          { category: "ANALYTICS", enabled: false },
          { category: "ADVERTISING", enabled: false },
        ],
      },
    });
    await waitFor(() =>
      expect(screen.queryByRole("region", { name: "Cookies on Privet" })).toBeNull(),
    );
  });

  it("accept all turns every optional category on", async () => {
    const api = setup();
    fireEvent.click(await screen.findByRole("button", { name: "Accept all" }));
    await waitFor(() => expect(api.mutations).toHaveLength(1));
    const choices = api.mutations[0]?.variables.choices as Array<{ enabled: boolean }>;
    expect(choices.map((c) => c.enabled)).toEqual([true, true, true]);
  });

  it("choosing by category sends exactly the boxes ticked", async () => {
    const api = setup();
    fireEvent.click(await screen.findByRole("button", { name: "Choose cookies" }));
    fireEvent.click(screen.getByRole("checkbox", { name: /Analytics/ }));
    fireEvent.click(screen.getByRole("button", { name: "Save my choices" }));
    await waitFor(() => expect(api.mutations).toHaveLength(1));
    expect(api.mutations[0]?.variables.choices).toEqual([
      { category: "PREFERENCES", enabled: false },
      { category: "ANALYTICS", enabled: true },
      { category: "ADVERTISING", enabled: false },
    ]);
  });

  it("does not show once the visitor has chosen", async () => {
    setup("WITHDRAWN");
    // Give the query time to answer; the banner must stay absent.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole("button", { name: "Reject all" })).toBeNull();
  });

  it("[P-15] explains GPC when the browser sends it, and locks the advertising box", async () => {
    setup(null, true);
    const note = await screen.findByTestId("banner-gpc");
    expect(note.textContent).toContain("asks websites not to sell or share your data");
    expect(note.textContent).toContain("advertising cookies stay off whatever you choose here");
    fireEvent.click(screen.getByRole("button", { name: "Choose cookies" }));
    expect(
      (screen.getByRole("checkbox", { name: /Advertising/ }) as HTMLInputElement).disabled,
    ).toBe(true);
    expect((screen.getByRole("checkbox", { name: /Analytics/ }) as HTMLInputElement).disabled).toBe(
      false,
    );
  });

  it("links to the policy, so choosing never blocks reading it", async () => {
    setup();
    const link = await screen.findByRole("link", { name: "privacy policy" });
    expect(link.getAttribute("href")).toBe("/policy");
  });

  it("says nothing about GPC when the browser does not send it", async () => {
    setup();
    await screen.findByRole("button", { name: "Accept all" });
    expect(screen.queryByTestId("banner-gpc")).toBeNull();
  });

  it("offers accept all, reject all and choose with equal weight, in both modes", async () => {
    setup();
    const names = () =>
      Array.from(banner()?.querySelectorAll(".actions button") ?? []).map((b) => [
        b.textContent,
        b.className,
      ]);
    await screen.findByRole("button", { name: "Accept all" });
    expect(names()).toEqual([
      ["Accept all", ""],
      ["Reject all", ""],
      ["Choose cookies", ""],
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Choose cookies" }));
    expect(names()).toEqual([
      ["Accept all", ""],
      ["Reject all", ""],
      ["Save my choices", ""],
    ]);
  });

  it("takes focus when it appears, and gives it to the page's content when answered", async () => {
    setup();
    const region = await screen.findByRole("region", { name: "Cookies on Privet" });
    await waitFor(() => expect(document.activeElement).toBe(region));
    // First in the document's order, before the page and the footer's links.
    expect(
      region.compareDocumentPosition(screen.getByRole("main")) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Reject all" }));
    await waitFor(() => expect(banner()).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole("main"));
  });

  it("reopens from Cookie settings with the current choices, and returns focus to that link", async () => {
    const api = fakeApi({
      CookieBanner: () => ({
        cookieConsents: categories("WITHDRAWN").map((c) =>
          c.category === "ANALYTICS" ? { ...c, state: "GIVEN", enabled: true } : c,
        ),
        privacySignals: { gpc: false, gpcHonoured: false },
      }),
      SetCookieConsents: () => ({ setCookieConsents: [] }),
    });
    render(
      <>
        <CookieBanner />
        <main id="main" tabIndex={-1} />
        <CookieSettingsLink signedIn={false} />
      </>,
      { wrapper: api.wrapper },
    );
    const settings = await screen.findByRole("button", { name: "Cookie settings" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(banner()).toBeNull(); // decided: not shown by itself
    settings.focus();
    fireEvent.click(settings);
    const region = await screen.findByRole("region", { name: "Cookies on Privet" });
    await waitFor(() => expect(document.activeElement).toBe(region));
    // Straight to the categories, ticked as they are now.
    const analytics = screen.getByRole("checkbox", { name: /Analytics/ }) as HTMLInputElement;
    expect(analytics.checked).toBe(true);
    expect(
      (screen.getByRole("checkbox", { name: /Preferences/ }) as HTMLInputElement).checked,
    ).toBe(false);
    // Closing without a change sends nothing and puts focus back where it was.
    fireEvent.keyDown(region, { key: "Escape" });
    await waitFor(() => expect(banner()).toBeNull());
    expect(document.activeElement).toBe(settings);
    expect(api.mutations).toEqual([]);

    fireEvent.click(settings);
    await screen.findByRole("region", { name: "Cookies on Privet" });
    fireEvent.click(screen.getByRole("checkbox", { name: /Preferences/ }));
    fireEvent.click(screen.getByRole("button", { name: "Save my choices" }));
    await waitFor(() => expect(api.mutations).toHaveLength(1));
    expect(api.mutations[0]?.variables.choices).toEqual([
      { category: "PREFERENCES", enabled: true },
      { category: "ANALYTICS", enabled: true },
      { category: "ADVERTISING", enabled: false },
    ]);
    await waitFor(() => expect(banner()).toBeNull());
    expect(document.activeElement).toBe(settings);
  });

  it("sends a signed-in customer's Cookie settings to the consent centre", () => {
    render(<CookieSettingsLink signedIn />);
    expect(screen.getByRole("link", { name: "Cookie settings" }).getAttribute("href")).toBe(
      "/consents",
    );
  });
});
