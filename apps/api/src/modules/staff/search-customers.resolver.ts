/**
 * Choosing a customer by name in the console (a picker): customers whose name or email contains
 * what was typed. Matching on a name or an email is a use of it, so this is a read like any
 * other, under the declared purpose:
 *   - only the categories the purpose may read are searched (a security officer investigating
 *     a malfunction may use emails, not names), and none at all is FORBIDDEN with the reason;
 *   - a customer is returned only when decide() lets the caller read a field it matched on, so
 *     a withdrawn consent or a role's limits hide the customer exactly as if there were none;
 *   - every match returned is an access event (field `searchCustomers`) in that customer's
 *     access log, cited under the declared purpose and reference; the fields then selected are
 *     guarded and audited as everywhere.
 * At least two characters, at most 20 matches: a picker, not a way to list everyone.
 *
 * Under LEGAL_OBLIGATION it is legal-request intake instead (@privet/domain/legal-intake): the
 * privacy officer recording a new request cites the authority's reference, and only a whole
 * email address or a whole customer id finds anyone — exactly that customer, whose name and
 * email alone decide() then opens (the match is audited under the purpose and reference). A part
 * of a name or email finds nobody; a role that may not declare LEGAL_OBLIGATION is refused.
 */
import { type DenyReason, explainDenyReason } from "@privet/domain/decide";
import {
  decideLegalIntake,
  explainIntakeRefusal,
  INTAKE_CATEGORIES,
} from "@privet/domain/legal-intake";
import { roleMayDeclare, type StaffRole } from "@privet/domain/principals";
import { type Purpose, purposeMayRead } from "@privet/domain/purposes";
import type { DataCategory } from "@privet/domain/taxonomy";
import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { currentStaff } from "../../guards/current-staff.js";
import { matchCount, searchText } from "../../validation/search-text.js";
import { CUSTOMER_COLUMNS, Customer, toCustomer } from "../accounts/public.js";

const SEARCHED: readonly DataCategory[] = ["user.name", "user.contact.email"];

/** The declared purpose, if it lets this role search customers at all; else FORBIDDEN. */
function searchablePurpose(purpose: Purpose | null, role: StaffRole): Purpose {
  const reason: DenyReason | null =
    purpose === null
      ? "PURPOSE_REQUIRED"
      : !roleMayDeclare(role, purpose)
        ? "ROLE"
        : !SEARCHED.some((category) => purposeMayRead(purpose, category))
          ? "PURPOSE_NOT_PERMITTED"
          : null;
  if (purpose === null || reason !== null) {
    throw new AppError(
      "FORBIDDEN",
      `Searching customers uses their names or emails. ${explainDenyReason(reason ?? "PURPOSE_REQUIRED")}`,
      { reason, category: "user.name" },
    );
  }
  return purpose;
}

@Resolver()
export class SearchCustomersResolver {
  @Authorized()
  @Query(() => [Customer], {
    description:
      "Staff: customers whose name or email contains `text` (at least 2 characters), to choose one by name. Searches only what the declared purpose may read; each match is an audited read. Under LEGAL_OBLIGATION (legal-request intake, with the authority's reference): only a whole email address or a whole customer id finds that one customer, whose name and email alone are readable.",
  })
  async searchCustomers(
    @Arg("text", () => String) textInput: string,
    @Arg("first", () => Int, { defaultValue: 8 }) firstInput: number,
    @Ctx() context: Context,
  ): Promise<Customer[]> {
    const staff = currentStaff(context);
    const text = searchText("text", textInput, 2);
    const first = matchCount("first", firstInput);
    const declared = context.operation.purpose;
    if (declared?.name === "LEGAL_OBLIGATION") {
      return legalIntake(context, staff.role, declared.ref, textInput);
    }
    const purpose = searchablePurpose(declared?.name ?? null, staff.role);
    const byName = purposeMayRead(purpose, "user.name");
    const byEmail = purposeMayRead(purpose, "user.contact.email");
    const rows = await context.prisma.customer.findMany({
      where: {
        erasedAt: null,
        OR: [
          ...(byName ? [{ name: { contains: text, mode: "insensitive" as const } }] : []),
          ...(byEmail ? [{ email: { contains: text.toLowerCase() } }] : []),
        ],
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      // Some candidates may be hidden by their consent: look a little further than asked.
      take: first * 2,
      select: CUSTOMER_COLUMNS,
    });
    const needle = textInput.trim().toLowerCase();
    const found: Customer[] = [];
    for (const row of rows) {
      if (found.length === first) break;
      const matched = [
        ...(byName && row.name.toLowerCase().includes(needle) ? (["user.name"] as const) : []),
        ...(byEmail && row.email.includes(needle) ? (["user.contact.email"] as const) : []),
      ];
      const usable: DataCategory[] = [];
      for (const category of matched) {
        if ((await context.privacy.decide(row.id, category)).allow) usable.push(category);
      }
      if (usable.length === 0) continue;
      for (const category of usable) {
        context.accessReads.record(row.id, category, "searchCustomers");
      }
      found.push(toCustomer(row));
    }
    return found;
  }
}

/**
 * Legal-request intake: one exact lookup of the identifier the authority gave, or nothing.
 * The customer found is admitted to the request's privacy gate as an intake match, so decide()
 * opens their name and email (and nothing else) for this operation; each is an audited read.
 */
async function legalIntake(
  context: Context,
  role: StaffRole,
  reference: string | null,
  text: string,
): Promise<Customer[]> {
  const intake = decideLegalIntake({ role, reference, text });
  if (intake.kind === "refused") {
    throw new AppError("FORBIDDEN", explainIntakeRefusal(intake.reason), {
      reason: intake.reason,
      category: "user.contact.email",
    });
  }
  if (intake.kind === "nothing") return [];
  const { lookup } = intake;
  const row = await context.prisma.customer.findFirst({
    where: {
      erasedAt: null,
      ...(lookup.by === "email" ? { email: lookup.email } : { id: lookup.customerId }),
    },
    select: CUSTOMER_COLUMNS,
  });
  if (!row) return [];
  context.privacy.admitIntakeMatch(row.id);
  for (const category of INTAKE_CATEGORIES) {
    const decision = await context.privacy.decide(row.id, category);
    if (!decision.allow) return [];
  }
  for (const category of INTAKE_CATEGORIES) {
    context.accessReads.record(row.id, category, "searchCustomers");
  }
  return [toCustomer(row)];
}
