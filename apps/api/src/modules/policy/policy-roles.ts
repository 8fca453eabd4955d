/**
 * Who writes the policy: privacy officers only, for publishing and for drafts alike (an
 * unpublished draft is the company's internal work, not something other staff need to read).
 */
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { requireStaff, type StaffPrincipal } from "../staff/require-staff.js";

/** `doing` completes "Only a privacy officer can …", e.g. "publish a policy version". */
export function requirePrivacyOfficer(context: Context, doing: string): StaffPrincipal {
  const staff = requireStaff(context);
  if (staff.role !== "PRIVACY_OFFICER") {
    throw new AppError("FORBIDDEN", `Only a privacy officer can ${doing}.`);
  }
  return staff;
}
