/**
 * A request update for the customer, queued in the outbox (status PENDING): delivery is the
 * outbox's job. The body names the request by kind and date, never by what the customer wrote.
 */
import type { Prisma } from "@privet/db/client";
import { isoDate } from "@privet/domain/clocks";
import type { PrivacyRequestKind } from "./privacy-request-enums.js";

const KIND_WORDS: Readonly<Record<PrivacyRequestKind, string>> = {
  ACCESS: "a copy of your data",
  DELETION: "deletion of your data",
  CORRECTION: "correction of your data",
  STOP_SHARING: "that we stop sharing your data",
};

export interface RequestEmail {
  readonly customerId: string;
  readonly toAddress: string;
  readonly kind: PrivacyRequestKind;
  readonly receivedAt: Date;
  readonly subject: string;
  readonly paragraphs: readonly string[];
}

export function queueRequestEmail(tx: Prisma.TransactionClient, email: RequestEmail) {
  const opening = `About your request of ${isoDate(email.receivedAt)} for ${KIND_WORDS[email.kind]}.`;
  return tx.outboxEmail.create({
    data: {
      kind: "REQUEST_UPDATE",
      customerId: email.customerId,
      toAddress: email.toAddress,
      subject: email.subject,
      textBody: [opening, ...email.paragraphs].join("\n\n"),
      status: "PENDING",
    },
    select: { id: true },
  });
}
