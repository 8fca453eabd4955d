import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "./app.js";

function setup() {
  window.history.replaceState(null, "", "/");
  const api = fakeApi({
    PortalSession: () => ({
      viewer: { kind: "CUSTOMER" },
      me: { id: "c1", name: "Ada", email: "ada@example.com", country: "DE", jurisdiction: "GDPR" },
      policy: { id: "p1", version: "2026-01-15", effectiveAt: "2026-01-15T00:00:00.000Z" },
      privacySignals: { gpc: false, gpcHonoured: false, dnt: false },
    }),
    RecordPageView: () => ({ recordPageView: false }),
    ContactAddress: () => ({ contactAddress: "privacy@privet.example" }),
    MySupportRequests: () => ({ mySupportRequests: [] }),
  });
  render(<App />, { wrapper: api.wrapper });
  return api;
}

describe("the frame's compact menu", () => {
  it("opens and closes with its button, which says so, and names the navigation it controls", async () => {
    setup();
    const menu = await screen.findByRole("button", { name: "Menu" });
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(menu.getAttribute("aria-controls")).toBe(nav.id);
    expect(menu.getAttribute("aria-expanded")).toBe("false");
    expect(nav.className).not.toContain("open");
    fireEvent.click(menu);
    expect(menu.getAttribute("aria-expanded")).toBe("true");
    expect(nav.className).toContain("open");
    fireEvent.click(menu);
    expect(menu.getAttribute("aria-expanded")).toBe("false");
  });

  it("closes on Escape and gives focus back to the button", async () => {
    setup();
    const menu = await screen.findByRole("button", { name: "Menu" });
    fireEvent.click(menu);
    fireEvent.keyDown(document, { key: "Escape" });
    expect(menu.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(menu);
  });

  it("closes when a link in it is followed", async () => {
    setup();
    const menu = await screen.findByRole("button", { name: "Menu" });
    fireEvent.click(menu);
    const nav = screen.getByRole("navigation", { name: "Main" });
    fireEvent.click(within(nav).getByRole("link", { name: "Contact" }));
    expect(window.location.pathname).toBe("/contact");
    expect(menu.getAttribute("aria-expanded")).toBe("false");
  });
});
