import { formatDateTime } from "@privet/ui/format";
import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { refusal } from "../test-support/console.js";
import { BreakGlassPage } from "./break-glass.js";

const ADA = "0195f3c2-7a10-7000-8000-00000000ada1";
const ENGINEER = "0195f3c2-7a10-7000-8000-0000000057a1";
const LEGAL_REQUEST = "0195f3c2-7a10-7000-8000-000000001e9a";
const NOW = new Date("2026-11-25T12:00:00.000Z");

function setup(handlers: Parameters<typeof fakeApi>[0] = {}) {
  const api = fakeApi({
    GrantBreakGlass: (v) => {
      const input = v.input as Record<string, unknown>;
      return {
        grantBreakGlass: {
          id: "0195f3c2-gran-7000-8000-000000000001",
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
  });
  render(<BreakGlassPage />, { wrapper: api.wrapper });
  return api;
}

function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  }
}

const base = {
  "Customer ID": ` ${ADA} `,
  "Staff member ID (who may read)": ENGINEER,
  Justification: "Checkout fails for this customer only.",
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe("the break-glass page", () => {
  it("[P-12] grants for a malfunction, citing the incident, for 4 hours unless told", async () => {
    const api = setup();
    fill({ ...base, "Incident reference": "INC-7", "Legal request ID": "left over" });
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

  it("[P-12] grants under a legal request, citing it, for the hours chosen", async () => {
    const api = setup();
    fill({
      ...base,
      Reason: "LEGAL_REQUEST",
      "Legal request ID": LEGAL_REQUEST,
      "Incident reference": "INC-7",
      "Hours until it expires": "24",
    });
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    await waitFor(() => expect(api.mutations).toHaveLength(1));
    expect(api.mutations[0]?.variables.input).toMatchObject({
      reason: "LEGAL_REQUEST",
      legalRequestId: LEGAL_REQUEST,
      incidentRef: null,
      expiresAt: "2026-11-26T12:00:00.000Z",
    });
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
    fill({ ...base, "Incident reference": "INC-7", "Hours until it expires": "100" });
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    const hours = screen.getByLabelText("Hours until it expires");
    await waitFor(() => expect(hours.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("From 1 to 72 hours.")).toBeTruthy();
    expect(api.mutations).toEqual([]);
  });

  it("shows the API's objection to the expiry next to the hours", async () => {
    setup({
      GrantBreakGlass: () => {
        throw refusal("BAD_USER_INPUT", "expiresAt must be in the future.", "expiresAt");
      },
    });
    fill({ ...base, "Incident reference": "INC-7" });
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    const hours = screen.getByLabelText("Hours until it expires");
    await waitFor(() => expect(hours.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("expiresAt must be in the future.")).toBeTruthy();
  });

  it("shows the API's objection next to the field it names", async () => {
    setup({
      GrantBreakGlass: () => {
        throw refusal(
          "BAD_USER_INPUT",
          "A MALFUNCTION grant cites the incident it investigates.",
          "incidentRef",
        );
      },
    });
    fill(base);
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    const incident = screen.getByLabelText("Incident reference");
    await waitFor(() => expect(incident.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says why a grant was refused outright, e.g. breaking glass for oneself", async () => {
    setup({
      GrantBreakGlass: () => {
        throw refusal("FORBIDDEN", "Breaking glass takes two people.");
      },
    });
    fill({ ...base, "Incident reference": "INC-7" });
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Breaking glass takes two people.");
  });

  it("[P-12] shows the grant's expiry and revokes it early", async () => {
    const api = setup();
    fill({ ...base, "Incident reference": "INC-7", "Hours until it expires": "2" });
    fireEvent.click(screen.getByRole("button", { name: "Grant" }));
    const until = formatDateTime("2026-11-25T14:00:00.000Z");
    expect((await screen.findByText(/^Grant 0195f3c2…/)).textContent).toBe(
      `Grant 0195f3c2… active until ${until}.`,
    );
    fireEvent.click(screen.getByRole("button", { name: "Revoke now" }));
    const revoked = await screen.findByRole("button", { name: "Revoked" });
    expect((revoked as HTMLButtonElement).disabled).toBe(true);
    expect(api.mutations[1]).toEqual({
      name: "RevokeBreakGlass",
      variables: { id: "0195f3c2-gran-7000-8000-000000000001" },
    });
  });
});
