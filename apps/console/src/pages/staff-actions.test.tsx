import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { pick, sent } from "../test-support/console.js";
import { StaffActionsPage } from "./staff-actions.js";

const entry = (over: Record<string, unknown>) => ({
  id: "a1",
  requestId: "req-1",
  staffUserId: "0195f3c2-7a10-7000-8000-000000000001",
  staffName: "Priya Officer",
  staffRole: "PRIVACY_OFFICER",
  action: "verifyPrivacyRequest",
  arguments: '{"id":"0195f3c2-7a10-7000-8000-0000000000r1"}',
  purpose: "SUPPORT",
  reference: "PR-77",
  outcome: "SUCCEEDED",
  errorCode: null,
  occurredAt: "2026-11-25T12:00:00.000Z",
  ...over,
});

describe("the staff action log", () => {
  it("shows who did what, why, on which ids, and how it ended", async () => {
    const api = fakeApi({
      StaffActions: () => ({
        staffActions: [
          entry({}),
          entry({
            id: "a2",
            staffRole: "SUPPORT_AGENT",
            outcome: "FAILED",
            errorCode: "FORBIDDEN",
            purpose: null,
            reference: null,
          }),
        ],
      }),
    });
    render(<StaffActionsPage />, { wrapper: api.wrapper });
    const rows = await screen.findAllByRole("row");
    const done = within(rows.find((r) => r.dataset.outcome === "SUCCEEDED") as HTMLElement);
    expect(done.getByText("Verify privacy request")).toBeTruthy();
    expect(done.getByText("Support (ref. PR-77)")).toBeTruthy();
    // Who by name and role in words, never a cut id.
    expect(done.getByRole("cell", { name: /^Priya Officer/ }).textContent).toBe(
      "Priya Officer (Privacy officer)",
    );
    expect(done.queryByText(/^0195f3c2$/)).toBeNull();
    const refused = within(rows.find((r) => r.dataset.outcome === "FAILED") as HTMLElement);
    expect(refused.getByText("Failed: not allowed")).toBeTruthy();
  });

  it("shows the arguments in words, ids whole and constants as labels", async () => {
    const api = fakeApi({
      StaffActions: () => ({
        staffActions: [
          entry({
            action: "grantBreakGlass",
            arguments: JSON.stringify({
              input: {
                customerId: "0195f3c2-7a10-7000-8000-00000000ada1",
                staffUserId: "0195f3c2-7a10-7000-8000-0000000057a1",
                reason: "MALFUNCTION",
              },
            }),
          }),
        ],
      }),
    });
    render(<StaffActionsPage />, { wrapper: api.wrapper });
    const cell = await screen.findByRole("cell", { name: /Customer/ });
    const pairs = [...cell.querySelectorAll("dl > div")].map((d) => [
      d.querySelector("dt")?.textContent,
      d.querySelector("dd")?.textContent,
    ]);
    expect(pairs).toEqual([
      ["Customer", "0195f3c2-7a10-7000-8000-00000000ada1"],
      ["Staff member", "0195f3c2-7a10-7000-8000-0000000057a1"],
      ["Reason", "Malfunction"],
    ]);
  });

  it("narrows to a staff member chosen by name", async () => {
    const api = fakeApi({
      StaffActions: () => ({ staffActions: [entry({})] }),
      PickStaff: () => ({
        searchStaff: [
          {
            id: "0195f3c2-7a10-7000-8000-000000000001",
            name: "Priya Officer",
            role: "PRIVACY_OFFICER",
          },
        ],
      }),
    });
    render(<StaffActionsPage />, { wrapper: api.wrapper });
    await pick("Staff member", "Pri", /Priya Officer/);
    fireEvent.click(screen.getByRole("button", { name: "Apply" }));
    await waitFor(() =>
      expect(sent(api, "StaffActions").at(-1)).toMatchObject({
        staffUserId: "0195f3c2-7a10-7000-8000-000000000001",
      }),
    );
  });

  it("sends the filter, and asks for older actions after a full page", async () => {
    const api = fakeApi({
      StaffActions: () => ({
        staffActions: Array.from({ length: 50 }, (_, i) => entry({ id: `a${100 - i}` })),
      }),
    });
    render(<StaffActionsPage />, { wrapper: api.wrapper });
    const form = within(screen.getByRole("form", { name: "Filter staff actions" }));
    fireEvent.change(form.getByLabelText(/^Action/), { target: { value: "fulfilPrivacyRequest" } });
    fireEvent.change(form.getByLabelText("Outcome"), { target: { value: "FAILED" } });
    fireEvent.click(form.getByRole("button", { name: "Apply" }));
    await waitFor(() =>
      expect(sent(api, "StaffActions").at(-1)).toEqual({
        action: "fulfilPrivacyRequest",
        outcome: "FAILED",
        staffUserId: null,
        before: null,
      }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Older actions" }));
    await waitFor(() =>
      expect(sent(api, "StaffActions").at(-1)).toMatchObject({
        action: "fulfilPrivacyRequest",
        before: "a51",
      }),
    );
  });

  it("says so when nothing matches", async () => {
    const api = fakeApi({ StaffActions: () => ({ staffActions: [] }) });
    render(<StaffActionsPage />, { wrapper: api.wrapper });
    expect(await screen.findByText("No staff actions match.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Older actions" })).toBeNull();
  });
});
