/**
 * Staff: a customer's consent receipt, for the console's consent history (a customer who asks
 * support for proof of what they agreed to). Read under a declared purpose the member's role
 * may declare, as every read of a customer is, and recorded in the customer's access log (the
 * consent-choice entry, like a partner's consentCheck): the receipt names the person by id and
 * says what they agreed to, so who fetched one and why is evidence.
 */
import { explainDenyReason } from "@privet/domain/decide";
import { roleMayDeclare } from "@privet/domain/principals";
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { currentStaff } from "../../guards/current-staff.js";
import { CONSENT_CHOICE } from "../../privacy/access-read-recorder.js";
import { validateId } from "../../validation/validate-id.js";
import { ConsentReceipt } from "./consent-receipt.type.js";
import { issueReceipt } from "./issue-receipt.js";
import { loadConsentEvent } from "./load-consent-event.js";

const FIELD_PATH = "customerConsentReceipt";

@Resolver()
export class CustomerConsentReceiptResolver {
  @Authorized()
  @Query(() => ConsentReceipt, {
    description:
      "Staff: the receipt of one event of a customer's consent history, under a declared purpose (`@purpose`); recorded in the customer's access log. An event of another customer, or an erased customer's, is NOT_FOUND.",
  })
  async customerConsentReceipt(
    @Arg("customerId", () => ID) customerIdInput: string,
    @Arg("eventId", () => ID) eventIdInput: string,
    @Ctx() context: Context,
  ): Promise<ConsentReceipt> {
    const staff = currentStaff(context);
    const customerId = validateId("customerId", customerIdInput);
    const eventId = validateId("eventId", eventIdInput);
    const purpose = context.operation.purpose;
    const reason = !purpose
      ? "PURPOSE_REQUIRED"
      : !roleMayDeclare(staff.role, purpose.name)
        ? "ROLE"
        : null;
    if (reason) {
      throw new AppError(
        "FORBIDDEN",
        `A consent receipt is read under a purpose. ${explainDenyReason(reason)}`,
        { reason },
      );
    }
    const customer = await context.prisma.customer.findFirst({
      where: { id: customerId, erasedAt: null },
      select: { id: true },
    });
    const event = customer ? await loadConsentEvent(context.prisma, customerId, eventId) : null;
    if (!event)
      throw new AppError("NOT_FOUND", "There is no such event in this customer's consent history.");
    context.accessReads.record(customerId, CONSENT_CHOICE, FIELD_PATH);
    return issueReceipt(event, context.config);
  }
}
