/**
 * Extends a request's deadline, once, as the law allows: GDPR (and OTHER, which follows it) by
 * two further months, three months after receipt (Art. 12(3)); CCPA by 45 more days, 90 after
 * receipt (§ 7021). The customer must be told why within the first period, so the reason goes
 * to them in the same transaction, as an email in the outbox. A CCPA opt-out of sharing has no
 * extension (15 business days, § 7026), and a second extension is refused.
 */
import { isoDate, privacyRequestDueDate } from "@privet/domain/clocks";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { Multiline } from "../../validation/multiline.js";
import * as validate from "../../validation/validate.js";
import { loadPrivacyRequest, refuseTransition } from "./load-privacy-request.js";
import {
  isClosed,
  PrivacyRequestQueueItem,
  QUEUE_ITEM_COLUMNS,
  toQueueItem,
} from "./privacy-request-queue-item.type.js";
import { queueRequestEmail } from "./queue-request-email.js";

export const MAX_REASON = 2000;

@Resolver()
export class ExtendPrivacyRequestResolver {
  @Authorized()
  @Mutation(() => PrivacyRequestQueueItem, {
    description:
      "Privacy officer: extends the deadline once (GDPR: to three months after receipt; CCPA: to 90 days), stamping extendedAt and emailing the reason to the customer through the outbox.",
  })
  async extendPrivacyRequest(
    @Arg("id", () => ID) idInput: string,
    @Multiline()
    @Arg("reason", () => String, { description: "Why more time is needed; sent to the customer." })
    reasonInput: string,
    @Ctx() context: Context,
  ): Promise<PrivacyRequestQueueItem> {
    const reason = validate.text("reason", reasonInput, { min: 10, max: MAX_REASON });
    const request = await loadPrivacyRequest(context, idInput);
    if (isClosed(request.status)) {
      throw refuseTransition("CLOSED", `A ${request.status} request cannot be extended.`);
    }
    if (request.extendedAt) {
      throw refuseTransition("ALREADY_EXTENDED", "The deadline can be extended only once.");
    }
    if (request.jurisdiction === "CCPA" && request.kind === "STOP_SHARING") {
      throw refuseTransition(
        "NOT_EXTENDABLE",
        "A CCPA opt-out of sharing must be honoured within 15 business days; it cannot be extended.",
      );
    }
    const now = context.request.now;
    const dueAt = privacyRequestDueDate(request.jurisdiction, request.receivedAt, true);
    await context.prisma.$transaction(async (tx) => {
      const { count } = await tx.privacyRequest.updateMany({
        where: { id: request.id, extendedAt: null, status: { notIn: ["FULFILLED", "REJECTED"] } },
        data: { extendedAt: now, extensionReason: reason, dueAt },
      });
      if (count === 0) {
        throw refuseTransition("ALREADY_EXTENDED", "The deadline can be extended only once.");
      }
      await queueRequestEmail(tx, {
        customerId: request.customerId,
        toAddress: request.customer.email,
        kind: request.kind,
        receivedAt: request.receivedAt,
        subject: "Your privacy request: we need more time",
        paragraphs: [
          `We need more time to answer it. We will answer by ${isoDate(dueAt)}.`,
          `Why: ${reason}`,
        ],
      });
    });
    const row = await context.prisma.privacyRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: QUEUE_ITEM_COLUMNS,
    });
    return toQueueItem(row, now);
  }
}
