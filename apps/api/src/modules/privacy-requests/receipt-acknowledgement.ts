/**
 * The email that confirms a privacy request was received, queued with the request itself.
 * The CCPA asks for this within 10 business days; sending it at once meets that for every
 * jurisdiction and tells the customer the date the law gives us. Like every request email it
 * names the request by kind and date only, never by what the customer wrote.
 */
import { isoDate } from "@privet/domain/clocks";
import type { PrivacyRequestKind } from "./privacy-request-enums.js";
import type { RequestEmail } from "./queue-request-email.js";

export const RECEIPT_SUBJECT = "We have received your privacy request";

export interface ReceivedRequest {
  readonly customerId: string;
  readonly toAddress: string;
  readonly kind: PrivacyRequestKind;
  readonly receivedAt: Date;
  readonly dueAt: Date;
}

export function receiptAcknowledgement(request: ReceivedRequest): RequestEmail {
  return {
    customerId: request.customerId,
    toAddress: request.toAddress,
    kind: request.kind,
    receivedAt: request.receivedAt,
    subject: RECEIPT_SUBJECT,
    paragraphs: [
      `We received it on ${isoDate(request.receivedAt)} and will answer by ${isoDate(request.dueAt)}, the date the law gives us.`,
      "We may first ask you to confirm that the request is yours. You can follow it under My requests in the portal.",
    ],
  };
}
