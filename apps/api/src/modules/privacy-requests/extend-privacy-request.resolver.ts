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
import { PrivacyRequestQueueItem } from "./privacy-request-queue-item.type.js";
import { queueRequestEmail } from "./queue-request-email.js";
import { refuse, transition } from "./transition.js";

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
    return transition(context, "extend", idInput, async (request, move) => {
      if (request.jurisdiction === "CCPA" && request.kind === "STOP_SHARING") {
        throw refuse({
          reason: "NOT_EXTENDABLE",
          message:
            "A CCPA opt-out of sharing must be honoured within 15 business days; it cannot be extended.",
        });
      }
      const now = context.request.now;
      const dueAt = privacyRequestDueDate(request.jurisdiction, request.receivedAt, true);
      await context.prisma.$transaction(async (tx) => {
        await move(tx, { extendedAt: now, extensionReason: reason, dueAt });
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
    });
  }
}
