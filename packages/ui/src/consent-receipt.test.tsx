import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ConsentReceiptData, ReceiptButton, receiptFileText } from "./consent-receipt.js";

const RECEIPT: ConsentReceiptData = {
  eventId: "0190a5c2-0000-7000-8000-00000000abcd",
  record: '{"@type":"dpv:ConsentRecord","dct:identifier":"0190a5c2-0000-7000-8000-00000000abcd"}',
  jws: "eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln",
  keyId: "k1",
  jwksUrl: "https://api.example/.well-known/jwks.json",
};

describe("the consent receipt download", () => {
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
    // jsdom has no object URLs.
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        blobs.push(blob);
        return "blob:receipt";
      }),
      revokeObjectURL: vi.fn(),
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("saves the record and its JWS as a .json file made in the browser, named by the event only", async () => {
    const load = vi.fn(async () => RECEIPT);
    render(<ReceiptButton load={load} label="Download receipt: marketing withdrawn" />);
    fireEvent.click(screen.getByRole("button", { name: "Download receipt: marketing withdrawn" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      name: `privet-consent-receipt-${RECEIPT.eventId}.json`,
      href: "blob:receipt",
    });
    expect(blobs[0]?.type).toBe("application/json");
    const file = JSON.parse(await (blobs[0] as Blob).text());
    expect(file.record).toEqual(JSON.parse(RECEIPT.record));
    expect(file.jws).toBe(RECEIPT.jws);
    expect(file.verification).toMatchObject({ alg: "EdDSA", kid: "k1", jwks: RECEIPT.jwksUrl });
    expect(receiptFileText(RECEIPT)).toBe(await (blobs[0] as Blob).text());
  });

  it("says what went wrong in words and saves nothing", async () => {
    render(
      <ReceiptButton
        load={async () => ({ error: "We could not find that event." })}
        label="Get it"
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Get it" }));
    expect((await screen.findByRole("alert")).textContent).toBe("We could not find that event.");
    expect(saved).toHaveLength(0);
  });
});
