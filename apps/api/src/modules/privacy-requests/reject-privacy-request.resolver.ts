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
import { PrivacyRequestQueueItem } from "./privacy-request-queue-item.type.js";
import { queueRequestEmail } from "./queue-request-email.js";
import { transition } from "./transition.js";

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
    const now = context.request.now;
    return transition(context, "reject", idInput, (request, move) =>
      context.prisma.$transaction(async (tx) => {
        await move(tx, {
          fulfilledAt: now,
          outcome: { kind: "REJECTED", rejectedAt: now.toISOString(), by: officer.staffId, reason },
        });
        await queueRequestEmail(tx, {
          customerId: request.customerId,
          toAddress: request.customer.email,
          kind: request.kind,
          receivedAt: request.receivedAt,
          subject: "Your privacy request: we cannot act on it",
          paragraphs: [`We cannot act on it. Why: ${reason}`],
        });
      }),
    );
  }
}
