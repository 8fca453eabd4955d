/**
 * A consent event made into its receipt: the 27560 record, serialised once, and that very text
 * signed. The record carries nothing the event does not, so issuing one again gives the same
 * record (the signature, Ed25519's, is deterministic too).
 */
import type { ApiConfig } from "../../config.js";
import { signCompactJws } from "./compact-jws.js";
import { ConsentReceipt } from "./consent-receipt.type.js";
import { CONTROLLER_NAME, type ConsentEventFacts, consentRecordOf } from "./consent-record.js";
import { JWKS_PATH } from "./jwks.route.js";

export function issueReceipt(
  event: ConsentEventFacts,
  config: Pick<ApiConfig, "receiptSigner" | "portalUrl" | "apiUrl" | "contactEmail">,
): ConsentReceipt {
  const record = JSON.stringify(
    consentRecordOf(event, {
      name: CONTROLLER_NAME,
      contact: config.contactEmail,
      site: config.portalUrl,
    }),
  );
  return Object.assign(new ConsentReceipt(), {
    eventId: event.id,
    record,
    jws: signCompactJws(record, config.receiptSigner),
    keyId: config.receiptSigner.keyId,
    jwksUrl: `${config.apiUrl}${JWKS_PATH}`,
  });
}
