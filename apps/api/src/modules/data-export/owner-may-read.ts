import { EXPORTED_CATEGORIES } from "@privet/domain/data-rights";
import { explainDenyReason } from "@privet/domain/decide";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";

/**
 * The export goes only to its subject, so decide() allows every category in it (a customer
 * reads their own data, with no purpose and no audit, like `me`). It is still asked, once per
 * category, because every read of personal data goes through that one function: if a rule
 * ever refuses a category to its own subject, the export fails closed instead of leaking it.
 */
export async function assertOwnerMayRead(context: Context, customerId: string): Promise<void> {
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
