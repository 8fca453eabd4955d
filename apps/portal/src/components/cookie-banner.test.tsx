import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CookieBanner } from "./cookie-banner.js";

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
  render(<CookieBanner />, { wrapper: api.wrapper });
  return api;
}

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

  it("[P-15] says advertising stays off when the browser sends GPC, and locks that box", async () => {
    setup(null, true);
    expect(await screen.findByText(/Global Privacy Control/)).toBeTruthy();
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
});
