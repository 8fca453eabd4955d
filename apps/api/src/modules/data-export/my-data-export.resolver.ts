import { EXPORTED_CATEGORIES } from "@privet/domain/data-rights";
import { explainDenyReason } from "@privet/domain/decide";
import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { requireCustomer } from "../../guards/require-customer.js";
import { collectDataExport } from "./collect-data-export.js";

/**
 * The export goes only to its subject, so decide() allows every category in it (a customer
 * reads their own data, with no purpose and no audit, like `me`). It is still asked, once per
 * category, because every read of personal data goes through that one function: if a rule
 * ever refuses a category to its own subject, the export fails closed instead of leaking it.
 */
async function assertOwnerMayRead(context: Context, customerId: string): Promise<void> {
  if (!context.privacyEnforced) return;
  for (const category of EXPORTED_CATEGORIES) {
    const decision = await context.privacy.decide(customerId, category);
    if (!decision.allow) {
      throw new AppError("FORBIDDEN", explainDenyReason(decision.reason), {
        reason: decision.reason,
        category,
      });
    }
  }
}

@Resolver()
export class MyDataExportResolver {
  @Query(() => String, {
    description:
      "The signed-in customer's data export: one JSON document (as text) with everything Privet holds about them (profile, sessions and device data, cookies, cards, navigation, held records, consents and their history, the access log, privacy and support requests), with exportedAt and formatVersion. Never secrets: no password hash, token or processor token.",
  })
  async myDataExport(@Ctx() context: Context): Promise<string> {
    const customerId = requireCustomer(context);
    await assertOwnerMayRead(context, customerId);
    const document = await collectDataExport(context, customerId);
    if (!document) throw new AppError("UNAUTHENTICATED");
    return JSON.stringify(document, null, 2);
  }
}
