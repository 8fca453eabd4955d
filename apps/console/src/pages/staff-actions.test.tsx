import { STAFF_ACTIONS } from "@privet/domain/staff-actions";
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
    // The action in @privet/domain's words, not the mutation's name.
    expect(done.getByText("Verified a privacy request")).toBeTruthy();
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

  it("offers the actions in words, and sends the one chosen", async () => {
    const api = fakeApi({ StaffActions: () => ({ staffActions: [entry({})] }) });
    render(<StaffActionsPage />, { wrapper: api.wrapper });
    const form = within(screen.getByRole("form", { name: "Filter staff actions" }));
    const action = form.getByLabelText("Action") as HTMLSelectElement;
    const options = [...action.options].map((o) => o.textContent ?? "");
    expect(options[0]).toBe("Any action");
    expect(options).toContain("Fulfilled a privacy request");
    expect(options).toContain("Granted break-glass access");
    // Words, never a mutation's name.
    for (const text of options) expect(text).not.toMatch(/^[a-z]+[A-Z]/);
    expect(options.length).toBe(STAFF_ACTIONS.length + 1);
    fireEvent.change(action, { target: { value: "fulfilPrivacyRequest" } });
    fireEvent.click(form.getByRole("button", { name: "Apply" }));
    await waitFor(() =>
      expect(sent(api, "StaffActions").at(-1)).toMatchObject({ action: "fulfilPrivacyRequest" }),
    );
  });

  it("sends the filter, and appends older actions from the last one shown after a full page", async () => {
    const api = fakeApi({
      StaffActions: (v) => ({
        staffActions: v.after
          ? [entry({ id: "a0", action: "closeLegalRequest" })]
          : Array.from({ length: 50 }, (_, i) => entry({ id: `a${100 - i}` })),
      }),
    });
    render(<StaffActionsPage />, { wrapper: api.wrapper });
    const form = within(screen.getByRole("form", { name: "Filter staff actions" }));
    fireEvent.change(form.getByLabelText("Action"), { target: { value: "fulfilPrivacyRequest" } });
    fireEvent.change(form.getByLabelText("Outcome"), { target: { value: "FAILED" } });
    fireEvent.click(form.getByRole("button", { name: "Apply" }));
    await waitFor(() =>
      expect(sent(api, "StaffActions").at(-1)).toEqual({
        action: "fulfilPrivacyRequest",
        outcome: "FAILED",
        staffUserId: null,
        order: "NEWEST_FIRST",
        after: null,
      }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Show older actions" }));
    await waitFor(() =>
      expect(sent(api, "StaffActions").at(-1)).toMatchObject({
        action: "fulfilPrivacyRequest",
        order: "NEWEST_FIRST",
        after: "a51",
      }),
    );
    // Appended below what was shown, and the end said in words.
    expect(await screen.findByRole("cell", { name: "Closed a legal request" })).toBeTruthy();
    expect(screen.getAllByRole("cell", { name: "Verified a privacy request" })).toHaveLength(50);
    expect(await screen.findByText("That is everything: there are no older actions.")).toBeTruthy();
  });

  it("reads the whole log oldest first when asked; the columns do not re-sort the rows shown", async () => {
    const api = fakeApi({
      StaffActions: () => ({
        staffActions: Array.from({ length: 50 }, (_, i) => entry({ id: `a${i}` })),
      }),
    });
    render(<StaffActionsPage />, { wrapper: api.wrapper });
    await screen.findAllByRole("cell", { name: "Verified a privacy request" });
    fireEvent.change(screen.getByLabelText("Order"), { target: { value: "OLDEST_FIRST" } });
    await waitFor(() =>
      expect(sent(api, "StaffActions").at(-1)).toMatchObject({
        order: "OLDEST_FIRST",
        after: null,
      }),
    );
    expect(await screen.findByRole("table", { name: /oldest first/ })).toBeTruthy();
    fireEvent.click(await screen.findByRole("button", { name: "Show newer actions" }));
    await waitFor(() =>
      expect(sent(api, "StaffActions").at(-1)).toMatchObject({
        order: "OLDEST_FIRST",
        after: "a49",
      }),
    );
    // No header offers a sort that would only reorder the loaded page.
    for (const header of screen.getAllByRole("columnheader")) {
      expect(within(header).queryByRole("button")).toBeNull();
    }
  });

  it("says so when nothing is recorded, and when the filters match nothing", async () => {
    const api = fakeApi({ StaffActions: () => ({ staffActions: [] }) });
    render(<StaffActionsPage />, { wrapper: api.wrapper });
    expect(await screen.findByText("No staff actions are recorded yet.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Show older/ })).toBeNull();
    const form = within(screen.getByRole("form", { name: "Filter staff actions" }));
    fireEvent.change(form.getByLabelText("Outcome"), { target: { value: "FAILED" } });
    fireEvent.click(form.getByRole("button", { name: "Apply" }));
    expect(await screen.findByText(/No staff actions match these filters/)).toBeTruthy();
  });
});
