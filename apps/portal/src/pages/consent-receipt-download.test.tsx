import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConsentCentre } from "./consents.js";

const HISTORY_ROW = {
  id: "0190a5c2-0000-7000-8000-0000000000h2",
  purpose: "MARKETING",
  state: "WITHDRAWN",
  source: "PORTAL",
  occurredAt: "2026-11-21T09:00:00.000Z",
  policyVersion: "2026-01-15",
  jurisdiction: "GDPR",
};

const centre = () => ({
  myConsents: [],
  cookieConsents: [],
  consentHistory: [HISTORY_ROW],
  privacySignals: { gpc: false, gpcHonoured: false, dnt: false, dntRecorded: false },
});

const RECORD = JSON.stringify({ "@type": "dpv:ConsentRecord", "dct:identifier": HISTORY_ROW.id });

describe("Download receipt in the consent history", () => {
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

  it("asks for that row's receipt only when pressed and saves it as a .json file, with nothing in a URL", async () => {
    const api = fakeApi({
      ConsentCentre: centre,
      ConsentReceipt: (v) => ({
        consentReceipt: {
          eventId: v.eventId,
          record: RECORD,
          jws: "h.p.s",
          keyId: "k1",
          jwksUrl: "http://api/.well-known/jwks.json",
        },
      }),
    });
    render(<ConsentCentre />, { wrapper: api.wrapper });
    const row = (await screen.findByText("Withdrawn")).closest("tr");
    if (!row) throw new Error("no history row");
    expect(api.queries.map((q) => q.name)).not.toContain("ConsentReceipt");

    fireEvent.click(within(row).getByRole("button", { name: /^Download receipt: Marketing, / }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(api.queries).toContainEqual({
      name: "ConsentReceipt",
      variables: { eventId: HISTORY_ROW.id },
    });
    expect(saved[0]).toEqual({
      name: `privet-consent-receipt-${HISTORY_ROW.id}.json`,
      href: "blob:receipt",
    });
    const file = JSON.parse(await (blobs[0] as Blob).text());
    expect(file).toMatchObject({ record: JSON.parse(RECORD), jws: "h.p.s" });
  });

  it("says in words when the receipt cannot be had", async () => {
    const api = fakeApi({
      ConsentCentre: centre,
      ConsentReceipt: () => {
        throw Object.assign(new Error("There is no such event in your consent history."), {
          extensions: { code: "NOT_FOUND" },
        });
      },
    });
    render(<ConsentCentre />, { wrapper: api.wrapper });
    fireEvent.click(await screen.findByRole("button", { name: /^Download receipt/ }));
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(saved).toHaveLength(0);
  });
});
