/**
 * Legal-request intake: how a privacy officer finds the customer a new legal request names,
 * before the request is recorded (P-11).
 *
 * Under LEGAL_OBLIGATION decide() lets staff read only what a recorded legal request names, so
 * the customer a new request names cannot be found by browsing — and must not be: an authority's
 * order does not entitle anyone to look through customers. The intake rule is narrower than a
 * search:
 *
 *   - only a role that may declare LEGAL_OBLIGATION (ROLE_PURPOSES) may do intake     → ROLE
 *   - the operation must cite the authority's reference (its case number)           → REFERENCE_REQUIRED
 *   - what was typed must be a whole identifier the authority gave: a whole email address or a
 *     whole customer id. Anything else (a part of a name or an email) looks nothing up: no
 *     partial or browsing matches.
 *   - a customer found so is revealed only as far as confirming identity needs: their name and
 *     email (INTAKE_CATEGORIES), each read decided by decide() with `intake` set, and audited
 *     under LEGAL_OBLIGATION and the reference like every read.
 */
import { roleMayDeclare, type StaffRole } from "./principals.js";
import type { Purpose } from "./purposes.js";
import type { DataCategory } from "./taxonomy.js";

/** What an intake match reveals: enough to confirm it is the person the request names. */
export const INTAKE_CATEGORIES: readonly DataCategory[] = ["user.name", "user.contact.email"];

/** The purpose intake runs under. */
export const INTAKE_PURPOSE: Purpose = "LEGAL_OBLIGATION";

/** The one customer an identifier names, by its whole value. */
export type IntakeLookup =
  | { readonly by: "email"; readonly email: string }
  | { readonly by: "customerId"; readonly customerId: string };

export type IntakeRefusal = "ROLE" | "REFERENCE_REQUIRED";

export type IntakeDecision =
  /** Look this one identifier up, exactly. */
  | { readonly kind: "lookup"; readonly lookup: IntakeLookup }
  /** Not a whole identifier: look nothing up, answer no match. */
  | { readonly kind: "nothing" }
  | { readonly kind: "refused"; readonly reason: IntakeRefusal };

export interface IntakeInput {
  readonly role: StaffRole;
  /** The declared purpose's reference: the authority's case number. */
  readonly reference: string | null;
  /** What was typed, as given. */
  readonly text: string;
}

/** local@domain.tld with no spaces: a whole address, not a part of one. */
const WHOLE_EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** A customer id (a UUID), whole. */
const WHOLE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether this role may do legal-request intake at all (it may declare LEGAL_OBLIGATION). */
export function mayDoLegalIntake(role: StaffRole): boolean {
  return roleMayDeclare(role, INTAKE_PURPOSE);
}

/** The intake rule for one lookup under LEGAL_OBLIGATION. Pure. */
export function decideLegalIntake({ role, reference, text }: IntakeInput): IntakeDecision {
  if (!mayDoLegalIntake(role)) return { kind: "refused", reason: "ROLE" };
  if (!reference?.trim()) return { kind: "refused", reason: "REFERENCE_REQUIRED" };
  const typed = text.trim().toLowerCase();
  if (WHOLE_EMAIL.test(typed)) return { kind: "lookup", lookup: { by: "email", email: typed } };
  if (WHOLE_ID.test(typed))
    return { kind: "lookup", lookup: { by: "customerId", customerId: typed } };
  return { kind: "nothing" };
}

const REFUSALS: Readonly<Record<IntakeRefusal, string>> = {
  ROLE: "Only staff who may act under a legal obligation can look up the customer a legal request names.",
  REFERENCE_REQUIRED:
    "Enter the authority's reference (its case number) with the purpose before looking up the customer a legal request names.",
};

/** A refusal in plain words. */
export function explainIntakeRefusal(reason: IntakeRefusal): string {
  return REFUSALS[reason];
}

/** What the person must type, in words (the console's picker hint). */
export const INTAKE_HINT =
  "Type the customer's whole email address as the request names it (or their whole customer id): only an exact match is shown, with their name and email.";
