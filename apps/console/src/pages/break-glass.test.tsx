import { formatDateTime } from "@privet/ui/format";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  declarePurpose,
  pick,
  refusal,
  renderUnderPurpose,
  sent,
} from "../test-support/console.js";
import { BreakGlassPage } from "./break-glass.js";

const ADA = "0195f3c2-7a10-7000-8000-00000000ada1";
const ENGINEER = "0195f3c2-7a10-7000-8000-0000000057a1";
const LEGAL_REQUEST = "0195f3c2-7a10-7000-8000-000000001e9a";
const GRANT = "0195f3c2-7a10-7000-8000-00000000a001";
const NOW = new Date("2026-11-25T12:00:00.000Z");

function setup(handlers: Parameters<typeof renderUnderPurpose>[1] = {}) {
  const api = renderUnderPurpose(
    <BreakGlassPage />,
    {
      PickCustomers: () => ({
        searchCustomers: [{ id: ADA, name: "Ada Lovelace", email: "ada@example.com" }],
      }),
      PickStaff: () => ({
        searchStaff: [{ id: ENGINEER, name: "Lin Engineer", role: "SECURITY_OFFICER" }],
      }),
      PickLegalRequests: () => ({
        searchLegalRequests: [
          {
            id: LEGAL_REQUEST,
            kind: "COURT_ORDER",
            authority: "District Court",
            reference: "CO-7",
            receivedAt: "2026-11-01T00:00:00.000Z",
            status: "OPEN",
          },
        ],
      }),
      GrantBreakGlass: (v) => {
        const input = v.input as Record<string, unknown>;
        return {
          grantBreakGlass: {
            id: GRANT,
            customerId: input.customerId,
            staffUserId: input.staffUserId,
            reason: input.reason,
            incidentRef: input.incidentRef,
            expiresAt: input.expiresAt,
            active: true,
          },
        };
      },
      RevokeBreakGlass: (v) => ({
        revokeBreakGlass: { id: v.id, active: false, revokedAt: NOW.toISOString() },
      }),
      BreakGlassGrants: () => ({ breakGlassGrants: [] }),
      ...handlers,
    },
    { role: "SECURITY_OFFICER", declared: null },
  );
  // A security officer investigating a malfunction: a purpose their role may declare.
  declarePurpose("MALFUNCTION_INVESTIGATION", "INC-7");
  return api;
}

function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  }
}

/** The customer and the staff member chosen by name, and a justification. */
async function chooseBoth() {
  await pick("Customer", "Ada", /Ada Lovelace/);
  await pick("Staff member (who may read)", "Lin", /Lin Engineer/);
  fill({ Justification: "Checkout fails for this customer only." });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe("the break-glass page", () => {
  it("[P-12] grants for a malfunction to people chosen by name, for 4 hours unless told", async () => {
    const api = setup();
    await chooseBoth();
    fill({ "Incident reference": "INC-7" });
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    await waitFor(() => expect(api.mutations).toHaveLength(1));
    expect(api.mutations[0]).toEqual({
      name: "GrantBreakGlass",
      variables: {
        input: {
          customerId: ADA,
          staffUserId: ENGINEER,
          reason: "MALFUNCTION",
          incidentRef: "INC-7",
          legalRequestId: null,
          justification: "Checkout fails for this customer only.",
          expiresAt: "2026-11-25T16:00:00.000Z",
        },
      },
    });
  });

  it("[P-06] searches customers under the declared purpose and reference", async () => {
    const api = setup();
    await pick("Customer", "Ada", /Ada Lovelace/);
    expect(sent(api, "PickCustomers")).toEqual([
      { text: "Ada", purpose: "MALFUNCTION_INVESTIGATION", ref: "INC-7" },
    ]);
  });

  it("says why customers cannot be searched, in words", async () => {
    setup({
      PickCustomers: () => {
        throw refusal("FORBIDDEN", "Searching customers uses their names or emails.");
      },
    });
    fireEvent.change(screen.getByRole("combobox", { name: "Customer" }), {
      target: { value: "Ada" },
    });
    await waitFor(() =>
      expect(
        screen.getAllByRole("status").some((s) => /uses their names/.test(s.textContent ?? "")),
      ).toBe(true),
    );
  });

  it("[P-12] grants under a legal request chosen by its reference, for the hours chosen", async () => {
    const api = setup();
    await chooseBoth();
    fill({ Reason: "LEGAL_REQUEST", "Hours until it expires": "24" });
    expect(screen.queryByLabelText("Incident reference")).toBeNull();
    await pick("Legal request", "CO-7", /District Court — CO-7/);
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    await waitFor(() => expect(api.mutations).toHaveLength(1));
    expect(api.mutations[0]?.variables.input).toMatchObject({
      reason: "LEGAL_REQUEST",
      legalRequestId: LEGAL_REQUEST,
      incidentRef: null,
      expiresAt: "2026-11-26T12:00:00.000Z",
    });
    expect(sent(api, "PickLegalRequests")[0]).toEqual({ text: "CO-7", openOnly: true });
  });

  it("[P-12] offers exactly two reasons: a malfunction incident or a legal request", () => {
    setup();
    const options = [...(screen.getByLabelText("Reason") as HTMLSelectElement).options];
    expect(options.map((o) => [o.value, o.textContent])).toEqual([
      ["MALFUNCTION", "Malfunction incident"],
      ["LEGAL_REQUEST", "Legal request"],
    ]);
  });

  it("[P-12] refuses a grant longer than 72 hours without sending it", async () => {
    const api = setup();
    await chooseBoth();
    fill({ "Incident reference": "INC-7", "Hours until it expires": "100" });
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    const hours = screen.getByLabelText("Hours until it expires");
    await waitFor(() => expect(hours.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("From 1 to 72 hours.")).toBeTruthy();
    expect(api.mutations).toEqual([]);
  });

  it("shows the API's objection next to the picker it names", async () => {
    setup({
      GrantBreakGlass: () => {
        throw refusal("BAD_USER_INPUT", "Choose a staff member.", "staffUserId");
      },
    });
    await pick("Customer", "Ada", /Ada Lovelace/);
    fill({ "Incident reference": "INC-7", Justification: "Checkout fails for this one." });
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    const staff = screen.getByRole("combobox", { name: "Staff member (who may read)" });
    await waitFor(() => expect(staff.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("Choose a staff member.")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says why a grant was refused outright, e.g. breaking glass for oneself", async () => {
    setup({
      GrantBreakGlass: () => {
        throw refusal("FORBIDDEN", "Breaking glass takes two people.");
      },
    });
    await chooseBoth();
    fill({ "Incident reference": "INC-7" });
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Breaking glass takes two people.");
  });

  it("[P-12] says whom the grant opens to, shows its whole id and revokes it early", async () => {
    const api = setup();
    await chooseBoth();
    fill({ "Incident reference": "INC-7", "Hours until it expires": "2" });
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    const until = formatDateTime("2026-11-25T14:00:00.000Z");
    expect((await screen.findByText(/^Lin Engineer may read/)).textContent).toBe(
      `Lin Engineer may read Ada Lovelace's records about other people until ${until}.`,
    );
    expect(screen.getByText(GRANT).tagName).toBe("CODE");
    expect(screen.getByRole("button", { name: "Copy grant id" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Revoke now" }));
    // Nothing is revoked until the dialog naming whose access ends is confirmed.
    const dialog = await screen.findByRole("dialog", { name: "Revoke this break-glass grant?" });
    expect(dialog.textContent).toContain("Lin Engineer loses access");
    expect(api.mutations.map((m) => m.name)).not.toContain("RevokeBreakGlass");
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke grant" }));
    const revoked = await screen.findByRole("button", { name: "Revoked" });
    expect((revoked as HTMLButtonElement).disabled).toBe(true);
    expect(api.mutations[1]).toEqual({ name: "RevokeBreakGlass", variables: { id: GRANT } });
  });
});
