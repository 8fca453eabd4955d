import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { requireCustomer } from "../../guards/require-customer.js";
import { ConsentHistoryEntry } from "./consent-history-entry.type.js";
import { consentHistoryOf } from "./consent-loaders.js";

@Resolver()
export class ConsentHistoryResolver {
  @Query(() => [ConsentHistoryEntry], {
    description: "The signed-in customer's full consent history from the ledger, newest first.",
  })
  async consentHistory(@Ctx() context: Context): Promise<ConsentHistoryEntry[]> {
    return consentHistoryOf(context, requireCustomer(context));
  }
}
