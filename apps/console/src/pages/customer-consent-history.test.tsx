import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderUnderPurpose, sent } from "../test-support/console.js";
import { CustomerPage } from "./customers.js";

const ADA = "0195f3c2-7a10-7000-8000-00000000ada1";
const EVENT = "0190a5c2-0000-7000-8000-00000000e001";

const customer = {
  id: ADA,
  createdAt: "2026-03-01T12:00:00.000Z",
  jurisdiction: "GDPR",
  name: "Ada Lovelace",
  email: "ada@example.com",
  country: "GB",
  sessions: [],
  paymentMethod: null,
  consents: [],
  consentHistory: [
    {
      id: EVENT,
      purpose: "MARKETING",
      state: "WITHDRAWN",
      source: "PORTAL",
      occurredAt: "2026-11-01T12:00:00.000Z",
      policyVersion: "2026-01-15",
    },
  ],
  heldRecords: [],
  accessLogPage: { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } },
};

const RECORD = JSON.stringify({ "@type": "dpv:ConsentRecord", "dct:identifier": EVENT });

describe("a customer's consent history in the console", () => {
  let saved: Array<{ name: string; href: string }>;
  let blobs: Blob[];
  beforeEach(() => {
    saved = [];
    blobs = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ name: this.download, href: this.href });
    });
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        blobs.push(blob);
        return "blob:receipt";
      }),
      revokeObjectURL: vi.fn(),
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("downloads an event's signed receipt under the declared purpose and reference, as a .json file", async () => {
    const api = renderUnderPurpose(<CustomerPage id={ADA} />, {
      OpenCustomer: () => ({ customer }),
      CustomerConsentReceipt: (v) => ({
        customerConsentReceipt: {
          eventId: v.eventId,
          record: RECORD,
          jws: "h.p.s",
          keyId: "k1",
          jwksUrl: "http://api/.well-known/jwks.json",
        },
      }),
    });
    const table = await screen.findByRole("table", { name: /Every consent event/ });
    expect(within(table).getByText("Withdrawn")).toBeTruthy();
    // Where, in staff's words about the customer, not the customer's own ("your …").
    expect(within(table).getByText("in the portal's consent centre")).toBeTruthy();
    expect(within(table).queryByText(/\byour\b/)).toBeNull();
    expect(sent(api, "CustomerConsentReceipt")).toEqual([]);

    fireEvent.click(within(table).getByRole("button", { name: /^Download receipt: Marketing, / }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const [asked] = sent(api, "CustomerConsentReceipt");
    expect(asked).toEqual({ customerId: ADA, eventId: EVENT, purpose: "SUPPORT", ref: "T-1" });
    expect(saved[0]).toEqual({
      name: `privet-consent-receipt-${EVENT}.json`,
      href: "blob:receipt",
    });
    const file = JSON.parse(await (blobs[0] as Blob).text());
    expect(file).toMatchObject({ record: JSON.parse(RECORD), jws: "h.p.s" });
  });

  it("says in words why a receipt was refused, and saves nothing", async () => {
    renderUnderPurpose(<CustomerPage id={ADA} />, {
      OpenCustomer: () => ({ customer }),
      CustomerConsentReceipt: () => {
        throw Object.assign(
          new Error("There is no such event in this customer's consent history."),
          {
            extensions: { code: "NOT_FOUND" },
          },
        );
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: /^Download receipt/ }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "There is no such event in this customer's consent history.",
    );
    expect(saved).toHaveLength(0);
  });
});
