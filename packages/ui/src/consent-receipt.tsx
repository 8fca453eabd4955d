/**
 * "Download receipt": one consent event's signed ISO/IEC TS 27560 record, saved as a .json file
 * from a Blob — the portal's consent history and the console's customer page each load the
 * receipt with their own query (the customer's own, or staff under a declared purpose) and hand
 * it here. Nothing about the person goes into a URL: the file is made in the browser, and its
 * name carries only the event's id.
 *
 * The file holds the record for people to read, and the JWS that proves it: verifying takes
 * only the JWS and the public key at `jwks` (EdDSA, found by `kid`); the JWS payload is the
 * record, byte for byte.
 */
import { useState } from "react";
import { ErrorNotice } from "./states.js";

export interface ConsentReceiptData {
  readonly eventId: string;
  /** The record as JSON text: the JWS payload. */
  readonly record: string;
  readonly jws: string;
  readonly keyId: string;
  readonly jwksUrl: string;
}

/** The file's text: the record (parsed, to read), the JWS and where its key is published. */
export function receiptFileText(receipt: ConsentReceiptData): string {
  return `${JSON.stringify(
    {
      format: "privet.consent-receipt",
      standard: "ISO/IEC TS 27560:2023 (W3C DPV dpv-27560 record)",
      record: JSON.parse(receipt.record),
      jws: receipt.jws,
      verification: {
        alg: "EdDSA",
        kid: receipt.keyId,
        jwks: receipt.jwksUrl,
        note: "The JWS payload is the record; verify it with the key whose kid matches.",
      },
    },
    null,
    2,
  )}\n`;
}

export function receiptFileName(eventId: string): string {
  return `privet-consent-receipt-${eventId}.json`;
}

/** Hands the browser a file made here (an object URL, revoked at once). */
export function saveTextFile(name: string, text: string, type = "application/json"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** What loading a receipt gave: the receipt, or what went wrong in words. */
export type ReceiptLoad = ConsentReceiptData | { readonly error: string };

export function ReceiptButton({
  load,
  label,
}: {
  load: () => Promise<ReceiptLoad>;
  /** What the button downloads, for screen readers (every row has one). */
  label: string;
}) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setFailed(null);
    try {
      const loaded = await load();
      if ("error" in loaded) setFailed(loaded.error);
      else saveTextFile(receiptFileName(loaded.eventId), receiptFileText(loaded));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="link-button"
        onClick={download}
        disabled={busy}
        aria-busy={busy}
        aria-label={label}
      >
        {busy ? "Preparing…" : "Download receipt"}
      </button>
      {failed && <ErrorNotice>{failed}</ErrorNotice>}
    </>
  );
}
