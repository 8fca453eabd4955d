/**
 * The one check of staff operations. TypeGraphQL calls `authChecker` for every root field
 * marked `@Authorized()`; it looks the field up by name in the permission table
 * (@privet/domain/permissions) and refuses before the resolver runs:
 *
 *   - anonymous callers are told to sign in (UNAUTHENTICATED);
 *   - customers and partners are refused outright (FORBIDDEN): they have their own views of
 *     the data;
 *   - staff without one of the operation's roles are refused (FORBIDDEN, naming the roles).
 *
 * A refusal is an AppError like any other, so the staff action log records a refused mutation
 * as FAILED — FORBIDDEN. Who else calls an operation (customers, partners, visitors) is checked
 * by the operation itself, which needs the caller's id rather than a role.
 */

import { roleLabel } from "@privet/domain/labels";
import { isStaffOperation, type StaffOperation, staffRolesFor } from "@privet/domain/permissions";
import type { AuthCheckerFn } from "type-graphql";
import type { Context } from "../context/context.js";
import { AppError } from "../errors/app-error.js";
import type { StaffPrincipal } from "./current-staff.js";

export const authChecker: AuthCheckerFn<Context> = ({ context, info }, roles) => {
  const operation = info.fieldName;
  // Programming errors, not refusals: failing loudly beats guessing who may call it.
  if (info.path.prev !== undefined) {
    throw new Error(
      `@Authorized() on ${operation}: only operations (root fields) are in the table`,
    );
  }
  if (roles.length > 0) {
    throw new Error(`@Authorized() on ${operation} names roles: they belong in the table`);
  }
  if (!isStaffOperation(operation)) {
    throw new Error(`@Authorized() on ${operation}, which the permission table gives no staff`);
  }
  assertStaffMayCall(context, operation);
  return true;
};

/**
 * Refuses the caller unless they are staff with one of the operation's roles. For a field that
 * belongs to an operation's result and is checked again on its own (defence in depth), name
 * the operation whose roles it follows.
 */
export function assertStaffMayCall(context: Context, operation: StaffOperation): StaffPrincipal {
  const roles = staffRolesFor(operation) ?? [];
  const { principal } = context.viewer;
  if (principal.kind === "anonymous") throw new AppError("UNAUTHENTICATED");
  if (principal.kind !== "staff") throw new AppError("FORBIDDEN");
  if (!roles.includes(principal.role)) {
    throw new AppError("FORBIDDEN", `Only ${inWordsList(roles.map(roleLabel))} may do this.`, {
      roles,
    });
  }
  return principal;
}

/** "a", "a or b", "a, b or c": roles named the way a person says them. */
function inWordsList(labels: readonly string[]): string {
  const plural = labels.map((label) => `${label.toLowerCase()}s`);
  if (plural.length <= 1) return plural[0] ?? "staff";
  return `${plural.slice(0, -1).join(", ")} or ${plural.at(-1)}`;
}
