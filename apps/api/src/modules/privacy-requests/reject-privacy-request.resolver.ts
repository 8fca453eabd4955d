/**
 * Rejects a request with a reason (identity not confirmed, manifestly unfounded…). The law asks
 * that the customer be told why (GDPR Art. 12(4)), so the reason goes to them through the
 * outbox; it is recorded in `outcome` with the time (fulfilledAt stamps when it was closed).
 */
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { currentStaff } from "../../guards/current-staff.js";
import { Multiline } from "../../validation/multiline.js";
import * as validate from "../../validation/validate.js";
import { MAX_REASON } from "./extend-privacy-request.resolver.js";
import { loadPrivacyRequest, refuseTransition } from "./load-privacy-request.js";
import {
  isClosed,
  PrivacyRequestQueueItem,
  QUEUE_ITEM_COLUMNS,
  toQueueItem,
} from "./privacy-request-queue-item.type.js";
import { queueRequestEmail } from "./queue-request-email.js";

@Resolver()
export class RejectPrivacyRequestResolver {
  @Authorized()
  @Mutation(() => PrivacyRequestQueueItem, {
    description:
      "Privacy officer: rejects an open request with a reason, recorded in outcome and emailed to the customer through the outbox.",
  })
  async rejectPrivacyRequest(
    @Arg("id", () => ID) idInput: string,
    @Multiline()
    @Arg("reason", () => String, { description: "Why; sent to the customer." })
    reasonInput: string,
    @Ctx() context: Context,
  ): Promise<PrivacyRequestQueueItem> {
    const officer = currentStaff(context);
    const reason = validate.text("reason", reasonInput, { min: 10, max: MAX_REASON });
    const request = await loadPrivacyRequest(context, idInput);
    if (isClosed(request.status)) {
      throw refuseTransition("CLOSED", `This request is already ${request.status}.`);
    }
    const now = context.request.now;
    await context.prisma.$transaction(async (tx) => {
      const { count } = await tx.privacyRequest.updateMany({
        where: { id: request.id, status: request.status },
        data: {
          status: "REJECTED",
          fulfilledAt: now,
          outcome: { kind: "REJECTED", rejectedAt: now.toISOString(), by: officer.staffId, reason },
        },
      });
      if (count === 0) throw refuseTransition("CHANGED", "The request changed meanwhile.");
      await queueRequestEmail(tx, {
        customerId: request.customerId,
        toAddress: request.customer.email,
        kind: request.kind,
        receivedAt: request.receivedAt,
        subject: "Your privacy request: we cannot act on it",
        paragraphs: [`We cannot act on it. Why: ${reason}`],
      });
    });
    const row = await context.prisma.privacyRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: QUEUE_ITEM_COLUMNS,
    });
    return toQueueItem(row, now);
  }
}
