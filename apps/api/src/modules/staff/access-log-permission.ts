/**
 * Who may read a customer's access log. It holds no personal data (which fields were read, by
 * whom and why — never their values), so it is not a category of the taxonomy and the privacy
 * middleware does not decide it; but it is still about one person, so it is not open to any
 * staff member for no reason:
 *
 *   - the customer: their own, always (that is what the log is for);
 *   - an AUDITOR: always (their role is reading the audit trail, and they may declare no
 *     purpose that reads personal data);
 *   - other staff: under a declared purpose their role may declare (e.g. SUPPORT, to answer
 *     "who looked at my data?"), else PURPOSE_REQUIRED or ROLE;
 *   - anyone else: NOT_OWNER / UNAUTHENTICATED.
 *
 * Reading the log is not itself audited: it would add entries to the very log being read, and
 * no personal field is returned.
 */
import { type DenyReason, explainDenyReason } from "@privet/domain/decide";
import { roleMayDeclare } from "@privet/domain/principals";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";

export function accessLogDenial(context: Context, subjectId: string): DenyReason | null {
  const { principal } = context.viewer;
  switch (principal.kind) {
    case "anonymous":
      return "UNAUTHENTICATED";
    case "customer":
      return principal.subjectId === subjectId ? null : "NOT_OWNER";
    case "partner":
      return "NOT_OWNER";
    case "staff": {
      if (principal.role === "AUDITOR") return null;
      const purpose = context.operation.purpose?.name ?? null;
      if (purpose === null) return "PURPOSE_REQUIRED";
      return roleMayDeclare(principal.role, purpose) ? null : "ROLE";
    }
  }
}

export function assertMayReadAccessLog(context: Context, subjectId: string): void {
  const reason = accessLogDenial(context, subjectId);
  if (reason) {
    throw new AppError("FORBIDDEN", explainDenyReason(reason), { reason });
  }
}
