/**
 * Whose consents a request reads and writes: the signed-in customer, else the anonymous
 * visitor named by the visitor cookie. Staff and partners are not consent subjects.
 *
 * Current states come from the ledger's projection (ConsentCurrent) through a per-request
 * loader, so a request that asks several times (the privacy signals, then a resolver) reads
 * once, and lists of customers read in one statement.
 */
import type { Context } from "../../context/context.js";
import type { SubjectKind } from "./current-consents.js";
import { requestVisitor, type VisitorRow } from "./request-visitor.js";

export {
  type CurrentConsent,
  type CurrentConsents,
  currentConsentsOf,
  forgetConsentsOf,
  rememberConsentsOf,
} from "./current-consents.js";
export type { SubjectKind };

export type ConsentSubject =
  | { readonly kind: "CUSTOMER"; readonly id: string }
  | { readonly kind: "VISITOR"; readonly id: string; readonly visitor: VisitorRow };

/** The subject the request acts for, or null (staff, partners, a visitor with no cookie). */
export async function requestSubject(context: Context): Promise<ConsentSubject | null> {
  const { principal } = context.viewer;
  if (principal.kind === "customer") return { kind: "CUSTOMER", id: principal.subjectId };
  if (principal.kind !== "anonymous") return null;
  const visitor = await requestVisitor(context);
  return visitor ? { kind: "VISITOR", id: visitor.id, visitor } : null;
}
