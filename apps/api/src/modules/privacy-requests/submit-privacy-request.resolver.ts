import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { requireCustomer } from "../../guards/require-customer.js";
import * as validate from "../../validation/validate.js";
import {
  PRIVACY_REQUEST_COLUMNS,
  PrivacyRequest,
  toPrivacyRequest,
} from "./privacy-request.type.js";
import { privacyRequestClock } from "./privacy-request-clock.js";
import { queueRequestEmail } from "./queue-request-email.js";
import { receiptAcknowledgement } from "./receipt-acknowledgement.js";
import { MAX_DETAILS, SubmitPrivacyRequestInput } from "./submit-privacy-request.input.js";

@Resolver()
export class SubmitPrivacyRequestResolver {
  @Mutation(() => PrivacyRequest, {
    description:
      "The signed-in customer files a privacy request; its deadlines follow the law of their jurisdiction (GDPR: one month; CCPA: 45 days, receipt confirmed within 10 business days, an opt-out of sharing honoured within 15). Receipt is confirmed by email at once: the acknowledgement is queued in the outbox with the request.",
  })
  async submitPrivacyRequest(
    @Arg("input", () => SubmitPrivacyRequestInput) input: SubmitPrivacyRequestInput,
    @Ctx() context: Context,
  ): Promise<PrivacyRequest> {
    // Only a signed-in customer: the request is about their account, and we must know whose.
    const customerId = requireCustomer(context);
    const details = validate.text("details", input.details ?? "", { min: 0, max: MAX_DETAILS });

    const { prisma, request } = context;
    // The jurisdiction recorded at registration sets the clock (P-16).
    const customer = await prisma.customer.findFirst({
      where: { id: customerId, erasedAt: null },
      select: { jurisdiction: true, email: true },
    });
    if (!customer) throw new AppError("UNAUTHENTICATED");
    const receivedAt = request.now;
    const clock = privacyRequestClock(input.kind, customer.jurisdiction, receivedAt);
    // The request and its acknowledgement commit together: a request the customer was told
    // about exists, and an existing one was acknowledged (CCPA: within 10 business days).
    const row = await prisma.$transaction(async (tx) => {
      const created = await tx.privacyRequest.create({
        data: {
          customerId,
          kind: input.kind,
          status: "RECEIVED",
          jurisdiction: customer.jurisdiction,
          details,
          receivedAt,
          dueAt: clock.dueAt,
          confirmBy: clock.confirmBy,
        },
        select: PRIVACY_REQUEST_COLUMNS,
      });
      await queueRequestEmail(
        tx,
        receiptAcknowledgement({
          customerId,
          toAddress: customer.email,
          kind: input.kind,
          receivedAt,
          dueAt: clock.dueAt,
        }),
      );
      return created;
    });
    return toPrivacyRequest(row, request.now);
  }
}
