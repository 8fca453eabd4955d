import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { Classified } from "../../privacy/personal.js";
import { Customer } from "../accounts/public.js";
import { Consent } from "./consent.type.js";
import { ConsentHistoryEntry } from "./consent-history-entry.type.js";
import { consentHistoryOf, consentsOf } from "./consent-loaders.js";

/**
 * A customer's consents and their history, for whoever may read the customer. NON_PERSONAL:
 * consent states say how we may use the person's data, they are not a taxonomy category of
 * data about them, and staff and processors must see them to honour them (a support agent
 * checking an opt-out, the email service skipping a withdrawn subject). Both batch through
 * loaders, so a page of customers costs a constant number of statements.
 */
@Resolver(() => Customer)
export class CustomerConsentsResolver {
  @Classified("NON_PERSONAL")
  @FieldResolver(() => [Consent], { description: "The current choice on every consent purpose." })
  consents(@Root() customer: Customer, @Ctx() context: Context): Promise<Consent[]> {
    return consentsOf(context, { kind: "CUSTOMER", id: customer.subjectId });
  }

  @Classified("NON_PERSONAL")
  @FieldResolver(() => [ConsentHistoryEntry], {
    description: "Every consent event from the ledger, newest first.",
  })
  consentHistory(
    @Root() customer: Customer,
    @Ctx() context: Context,
  ): Promise<ConsentHistoryEntry[]> {
    return consentHistoryOf(context, customer.subjectId);
  }
}
