/**
 * On sign-in or registration, the anonymous visitor's cookie choices join the account: the
 * visitor row is linked to the customer, and each cookie-category consent the visitor chose
 * is copied into the customer's ledger where it differs, unless the customer's own choice is
 * the later one (an old banner click never overrides a newer choice in the portal).
 *
 * A visitor cookie that already belongs to another account (a shared browser) is not merged:
 * it is dropped, so this customer's browsing is never filed under someone else's cookie ID.
 *
 * Finally the request's privacy signals are applied again, now for the customer: GPC sent
 * with the sign-in withdraws the account's advertising consent from this request on.
 */
import { COOKIE_CATEGORY_PURPOSE, type ConsentPurpose } from "@privet/domain/consent";
import type { Context } from "../../context/context.js";
import { currentConsentsOf } from "./consent-subject.js";
import { applyPrivacySignals } from "./privacy-signals.js";
import { type ConsentWrite, recordConsents } from "./record-consent.js";
import { dropVisitorCookie, requestVisitor, setRequestVisitor } from "./request-visitor.js";

const COOKIE_PURPOSES = new Set(
  Object.values(COOKIE_CATEGORY_PURPOSE).filter((p): p is ConsentPurpose => p !== null),
);

export async function mergeVisitorIntoCustomer(
  context: Context,
  customerId: string,
): Promise<void> {
  const visitor = await requestVisitor(context);
  if (visitor && visitor.customerId !== null && visitor.customerId !== customerId) {
    dropVisitorCookie(context);
  } else if (visitor) {
    const customer = { kind: "CUSTOMER", id: customerId } as const;
    const [theirs, ours] = await Promise.all([
      currentConsentsOf(context, { kind: "VISITOR", id: visitor.id }),
      currentConsentsOf(context, customer),
    ]);
    const writes: ConsentWrite[] = [];
    for (const choice of theirs.values()) {
      if (!COOKIE_PURPOSES.has(choice.purpose)) continue;
      const own = ours.get(choice.purpose);
      if (own && (own.state === choice.state || own.updatedAt >= choice.updatedAt)) continue;
      writes.push({
        subject: customer,
        purpose: choice.purpose,
        state: choice.state,
        // A GPC withdrawal stays a GPC withdrawal; everything else a visitor chose, chose
        // in the banner.
        source: choice.source === "GPC" ? "GPC" : "BANNER",
        // The version the visitor saw when choosing, not today's.
        policyVersionId: choice.policyVersionId,
        evidence: { mergedFromVisitor: true, visitorChoiceAt: choice.updatedAt.toISOString() },
      });
    }
    const link = visitor.customerId === null;
    if (writes.length > 0 || link) {
      await recordConsents(
        context,
        writes,
        link
          ? (tx) =>
              // Only if still unlinked: two accounts signing in at once cannot both take it.
              tx.visitor.updateMany({
                where: { id: visitor.id, customerId: null },
                data: { customerId, mergedAt: context.request.now },
              })
          : undefined,
      );
      if (link)
        setRequestVisitor(context, { ...visitor, customerId, mergedAt: context.request.now });
    }
  }
  await applyPrivacySignals(context);
}
