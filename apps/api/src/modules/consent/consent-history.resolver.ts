import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { ConsentHistoryEntry } from "./consent-history-entry.type.js";
import { consentHistoryOf } from "./consent-loaders.js";
import { requireCustomer } from "./require-customer.js";

@Resolver()
export class ConsentHistoryResolver {
  @Query(() => [ConsentHistoryEntry], {
    description: "The signed-in customer's full consent history from the ledger, newest first.",
  })
  async consentHistory(@Ctx() context: Context): Promise<ConsentHistoryEntry[]> {
    return consentHistoryOf(context, requireCustomer(context));
  }
}
