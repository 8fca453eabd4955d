import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { requireCustomer } from "../../guards/require-customer.js";
import { validateId } from "../../validation/validate-id.js";
import { ConsentReceipt } from "./consent-receipt.type.js";
import { issueReceipt } from "./issue-receipt.js";
import { loadConsentEvent } from "./load-consent-event.js";

@Resolver()
export class MyConsentReceiptResolver {
  @Query(() => ConsentReceipt, {
    description:
      "The signed-in customer's receipt for one event of their own consent history (`consentHistory`'s id). Anyone else's event is NOT_FOUND, as one that does not exist.",
  })
  async consentReceipt(
    @Arg("eventId", () => ID) eventIdInput: string,
    @Ctx() context: Context,
  ): Promise<ConsentReceipt> {
    const customerId = requireCustomer(context);
    const eventId = validateId("eventId", eventIdInput);
    const event = await loadConsentEvent(context.prisma, customerId, eventId);
    if (!event) throw new AppError("NOT_FOUND", "There is no such event in your consent history.");
    return issueReceipt(event, context.config);
  }
}
