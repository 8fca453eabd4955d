/**
 * Who may call staff operations. Anonymous callers are told to sign in; customers and partners
 * are refused outright (they have their own views of the data).
 */
import type { StaffRole } from "@privet/domain/principals";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";

export interface StaffPrincipal {
  readonly kind: "staff";
  readonly staffId: string;
  readonly role: StaffRole;
}

export function requireStaff(context: Context, roles?: readonly StaffRole[]): StaffPrincipal {
  const { principal } = context.viewer;
  if (principal.kind === "anonymous") throw new AppError("UNAUTHENTICATED");
  if (principal.kind !== "staff") throw new AppError("FORBIDDEN");
  if (roles && !roles.includes(principal.role)) {
    throw new AppError("FORBIDDEN", `This needs one of these roles: ${roles.join(", ")}.`, {
      roles,
    });
  }
  return principal;
}
