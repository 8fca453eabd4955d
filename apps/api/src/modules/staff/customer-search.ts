/**
 * Staff search customers by an exact id or an exact email, nothing fuzzier. Searching by email
 * is itself a use of the email: it confirms that a person with that address is a customer. So
 * it needs a declared purpose that the caller's role may declare and that may read
 * user.contact.email (else FORBIDDEN with the reason), and a match is returned only when
 * decide() would let the caller read that customer's email (else the search finds nothing,
 * exactly as if there were no such customer). The match itself is not audited: the fields the
 * caller then reads are.
 */
import { explainDenyReason } from "@privet/domain/decide";
import { roleMayDeclare } from "@privet/domain/principals";
import { purposeMayRead } from "@privet/domain/purposes";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import type { StaffPrincipal } from "../../guards/current-staff.js";
import * as validate from "../../validation/validate.js";
import { isUuid } from "../../validation/validate-id.js";

export type CustomerSearch =
  | { readonly by: "id"; readonly id: string }
  | { readonly by: "email"; readonly email: string };

export function parseCustomerSearch(search: string | null | undefined): CustomerSearch | null {
  const trimmed = search?.trim() ?? "";
  if (trimmed === "") return null;
  if (isUuid(trimmed)) return { by: "id", id: trimmed.toLowerCase() };
  if (trimmed.includes("@")) return { by: "email", email: validate.email("search", trimmed) };
  throw badInput("search", "Search by a customer's exact email address or id.");
}

/** The purpose check that does not depend on whose email it is. */
export function assertMaySearchByEmail(context: Context, staff: StaffPrincipal): void {
  const purpose = context.operation.purpose?.name ?? null;
  const reason =
    purpose === null
      ? "PURPOSE_REQUIRED"
      : !roleMayDeclare(staff.role, purpose)
        ? "ROLE"
        : !purposeMayRead(purpose, "user.contact.email")
          ? "PURPOSE_NOT_PERMITTED"
          : null;
  if (reason) {
    throw new AppError(
      "FORBIDDEN",
      `Searching by email uses the email. ${explainDenyReason(reason)}`,
      { reason, category: "user.contact.email" },
    );
  }
}

/** Whether the caller may read this customer's email under the declared purpose. */
export async function mayUseEmailOf(context: Context, customerId: string): Promise<boolean> {
  return (await context.privacy.decide(customerId, "user.contact.email")).allow;
}
