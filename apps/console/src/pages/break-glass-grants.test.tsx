import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { sent } from "../test-support/console.js";
import { BreakGlassGrants, grantState } from "./break-glass-grants.js";

const HOUR = 3_600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();
const grant = (over: Record<string, unknown>) => ({
  id: "g-active",
  customerId: "0195f3c2-7a10-7000-8000-00000000ada1",
  staffUserId: "s-1",
  staffName: "Lin Engineer",
  reason: "MALFUNCTION",
  incidentRef: "INC-7",
  legalRequestId: null,
  legalRequestName: null,
  expiresAt: at(HOUR),
  revokedAt: null,
  active: true,
  ...over,
});

describe("the break-glass grants", () => {
  it("[P-12] says which grants open records now: active, expired on their own, revoked", async () => {
    const api = fakeApi({
      BreakGlassGrants: () => ({
        breakGlassGrants: [
          grant({}),
          grant({ id: "g-expired", expiresAt: at(-HOUR), active: false }),
          grant({ id: "g-revoked", revokedAt: at(-60_000), active: false }),
        ],
      }),
    });
    render(<BreakGlassGrants />, { wrapper: api.wrapper });
    const row = async (id: string) =>
      within(
        (await screen.findAllByRole("row")).find((r) => r.dataset.grant === id) as HTMLElement,
      );
    expect((await row("g-active")).getByText(/^Active/)).toBeTruthy();
    expect((await row("g-expired")).getByText("Expired")).toBeTruthy();
    expect((await row("g-revoked")).getByText(/^Revoked /)).toBeTruthy();
    // Only an active grant can be revoked.
    expect(screen.getAllByRole("button", { name: "Revoke" })).toHaveLength(1);
    expect((await row("g-active")).getByText("Malfunction (INC-7)")).toBeTruthy();
    // The grantee by name, the customer by the whole id (their name is read under a purpose).
    expect((await row("g-active")).getByText("Lin Engineer")).toBeTruthy();
    expect((await row("g-active")).getByText("0195f3c2-7a10-7000-8000-00000000ada1")).toBeTruthy();
  });

  it("[P-12] names the legal request a grant cites by its authority and reference", async () => {
    const api = fakeApi({
      BreakGlassGrants: () => ({
        breakGlassGrants: [
          grant({
            reason: "LEGAL_REQUEST",
            incidentRef: null,
            legalRequestId: "lr-1",
            legalRequestName: "District Court — CO-7",
          }),
        ],
      }),
    });
    render(<BreakGlassGrants />, { wrapper: api.wrapper });
    expect(await screen.findByText("Legal request (District Court — CO-7)")).toBeTruthy();
  });

  it("revokes an active grant and reads the list again", async () => {
    let revoked = false;
    const api = fakeApi({
      BreakGlassGrants: () => ({
        breakGlassGrants: [revoked ? grant({ revokedAt: at(0), active: false }) : grant({})],
      }),
      RevokeBreakGlass: (v) => {
        revoked = true;
        return { revokeBreakGlass: { id: v.id, active: false, revokedAt: at(0) } };
      },
    });
    render(<BreakGlassGrants />, { wrapper: api.wrapper });
    fireEvent.click(await screen.findByRole("button", { name: "Revoke" }));
    // Nothing is revoked until the dialog naming whose access ends is confirmed.
    const dialog = await screen.findByRole("dialog", { name: "Revoke this break-glass grant?" });
    expect(dialog.textContent).toContain("Lin Engineer");
    expect(dialog.textContent).toContain("0195f3c2-7a10-7000-8000-00000000ada1");
    expect(dialog.textContent).toContain("INC-7");
    expect(sent(api, "RevokeBreakGlass")).toEqual([]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke grant" }));
    await waitFor(() => expect(sent(api, "RevokeBreakGlass")).toEqual([{ id: "g-active" }]));
    expect(await screen.findByText(/^Revoked /)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Revoke" })).toBeNull();
  });

  it("names a grant's state from its times when it is not active", () => {
    expect(grantState({ expiresAt: at(-1), revokedAt: null, active: false })).toBe("Expired");
    expect(grantState({ expiresAt: at(HOUR), revokedAt: null, active: false })).toBe("Not started");
    expect(grantState({ expiresAt: at(HOUR), revokedAt: null, active: true })).toBe("Active");
  });
});
