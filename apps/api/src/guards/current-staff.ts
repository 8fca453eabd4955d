/**
 * The staff member calling an operation, for resolvers behind `@Authorized()` that need to
 * know who acts (to stamp a record with their id, or to check a purpose their role declares).
 * The auth checker (staff-guard.ts) has already refused everyone else.
 */
import type { Principal } from "@privet/domain/principals";
import type { Context } from "../context/context.js";

export type StaffPrincipal = Extract<Principal, { readonly kind: "staff" }>;

export function currentStaff(context: Context): StaffPrincipal {
  const { principal } = context.viewer;
  if (principal.kind !== "staff") {
    // Only reachable from a resolver that forgot its @Authorized(): a bug, never a refusal.
    throw new Error("currentStaff() called outside an operation the staff guard checked");
  }
  return principal;
}
