/**
 * The audit trail holds ids, categories, field paths and purposes, never a field's value, so
 * no purpose is needed to read it, and reading it is not itself audited (it would add entries
 * to the very log being read). Narrowed to one person, though, it is that person's access log,
 * and the same rule as for `Customer.accessLog` applies (staff/access-log-permission.ts):
 * auditors always, privacy and security officers under a purpose their role may declare.
 */
import type { Context } from "../../context/context.js";
import { assertMayReadAccessLog } from "../staff/public.js";
import type { AuditEventFilter } from "./audit-event-filter.input.js";

/** For a caller the staff guard let through, once the filter was validated (auditConditions). */
export function assertMayNarrowToSubject(
  context: Context,
  filter: AuditEventFilter | null | undefined,
): void {
  if (filter?.subjectId) assertMayReadAccessLog(context, filter.subjectId);
}
