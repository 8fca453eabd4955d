/**
 * decide(): the one pure privacy decision. Given who asks, why, for which category of whose
 * data, and the facts that bear on it (consents, break-glass grants, the partner's agreement,
 * a recorded legal request, the time), it allows the read or denies it with a reason.
 *
 * The rules run in a fixed order and the first failing rule wins:
 *
 *   1. a never-readable category (credentials)       → NEVER_READABLE, for everyone
 *   2. an anonymous visitor                          → UNAUTHENTICATED
 *   3. a customer: their own data is allowed (no purpose needed); anyone else's → NOT_OWNER
 *   4. staff:
 *      a. no declared purpose                        → PURPOSE_REQUIRED
 *      b. the role may not declare the purpose       → ROLE
 *      c. the purpose may not read the category      → PURPOSE_NOT_PERMITTED
 *      d. LEGAL_OBLIGATION without a legal request naming this subject and category
 *                                                    → LEGAL_REQUEST_REQUIRED
 *         (except intake: the subject was found by an exact lookup of the identifier an
 *         authority gave, and the category confirms identity — name or email; legal-intake.ts)
 *      e. customer-held data without an active break-glass grant for this staff member,
 *         this subject and a reason matching the purpose → BREAK_GLASS_REQUIRED
 *      f. a consent-based purpose without a GIVEN consent → CONSENT_WITHDRAWN
 *   5. partner (processor):
 *      a. no agreement, another processor's, or not yet in force → NO_AGREEMENT
 *      b. the agreement has lapsed                   → AGREEMENT_EXPIRED
 *      c. no declared purpose                        → PURPOSE_REQUIRED
 *      d. the purpose is outside the agreement, the category is outside the agreement or
 *         the purpose, the data is customer-held (partners never break glass), or the
 *         purpose is LEGAL_OBLIGATION (disclosures are made by staff) → PURPOSE_NOT_PERMITTED
 *      e. a consent-based purpose without a GIVEN consent → CONSENT_WITHDRAWN
 *
 * Identity and standing (who you are, whether an agreement covers you) come before purpose,
 * so a lapsed partner learns that its agreement lapsed, not which purposes it lacks. Consent
 * comes last: it only matters once the read is otherwise lawful, and a purpose whose basis is
 * not consent (e.g. a legal obligation) is never blocked by a withdrawn consent.
 */
import { type ConsentSnapshot, isConsentPurpose, permitsProcessing } from "./consent.js";
import { INTAKE_CATEGORIES } from "./legal-intake.js";
import {
  type Agreement,
  BREAK_GLASS_REASON_PURPOSE,
  type BreakGlassGrant,
  type LegalRequestScope,
  type Principal,
  roleMayDeclare,
  type StaffRole,
} from "./principals.js";
import { legalBasisOf, type Purpose, purposeMayRead } from "./purposes.js";
import { categoryGroup, type DataCategory, isNeverReadable } from "./taxonomy.js";

export const DENY_REASONS = [
  "UNAUTHENTICATED",
  "NOT_OWNER",
  "ROLE",
  "PURPOSE_REQUIRED",
  "PURPOSE_NOT_PERMITTED",
  "CONSENT_WITHDRAWN",
  "NO_AGREEMENT",
  "AGREEMENT_EXPIRED",
  "BREAK_GLASS_REQUIRED",
  "LEGAL_REQUEST_REQUIRED",
  "NEVER_READABLE",
] as const;
export type DenyReason = (typeof DENY_REASONS)[number];

export function isDenyReason(value: string): value is DenyReason {
  return (DENY_REASONS as readonly string[]).includes(value);
}

export interface DecisionInput {
  readonly principal: Principal;
  /** The purpose declared for the operation; null when none was declared. */
  readonly purpose: Purpose | null;
  readonly category: DataCategory;
  /** Whose data this is. */
  readonly subjectId: string;
  /** The subject's current consents. */
  readonly consents: ConsentSnapshot;
  /** Break-glass grants that may apply (decide() checks staff, subject, reason and time). */
  readonly grants: readonly BreakGlassGrant[];
  /** The partner's agreement (the one in force at `now`, if several); null when none. */
  readonly agreement: Agreement | null;
  /** The recorded legal request the operation cites, if any. */
  readonly legalRequest: LegalRequestScope | null;
  /**
   * Legal-request intake: this subject was found, in this operation, by an exact lookup of the
   * identifier an authority gave (legal-intake.ts). Under LEGAL_OBLIGATION it opens the
   * subject's name and email (INTAKE_CATEGORIES) only, to confirm identity. Absent = false.
   */
  readonly intake?: boolean;
  readonly now: Date;
}

export type Decision =
  | { readonly allow: true }
  | { readonly allow: false; readonly reason: DenyReason };

const ALLOW: Decision = { allow: true };
const deny = (reason: DenyReason): Decision => ({ allow: false, reason });

export function decide(input: DecisionInput): Decision {
  if (isNeverReadable(input.category)) return deny("NEVER_READABLE");
  const { principal } = input;
  switch (principal.kind) {
    case "anonymous":
      return deny("UNAUTHENTICATED");
    case "customer":
      return principal.subjectId === input.subjectId ? ALLOW : deny("NOT_OWNER");
    case "staff":
      return decideForStaff(input, principal.staffId, principal.role);
    case "partner":
      return decideForPartner(input, principal.processorId);
  }
}

function decideForStaff(input: DecisionInput, staffId: string, role: StaffRole): Decision {
  const { purpose, category } = input;
  if (purpose === null) return deny("PURPOSE_REQUIRED");
  if (!roleMayDeclare(role, purpose)) return deny("ROLE");
  if (!purposeMayRead(purpose, category)) return deny("PURPOSE_NOT_PERMITTED");
  if (purpose === "LEGAL_OBLIGATION" && !legalRequestCovers(input) && !intakeCovers(input)) {
    return deny("LEGAL_REQUEST_REQUIRED");
  }
  if (categoryGroup(category) === "customer_held" && !hasActiveGrant(input, staffId, purpose)) {
    return deny("BREAK_GLASS_REQUIRED");
  }
  return consentAllows(purpose, input.consents) ? ALLOW : deny("CONSENT_WITHDRAWN");
}

function decideForPartner(input: DecisionInput, processorId: string): Decision {
  const { agreement, purpose, category, now } = input;
  if (agreement === null || agreement.processorId !== processorId) return deny("NO_AGREEMENT");
  if (now < agreement.validFrom) return deny("NO_AGREEMENT");
  if (now >= agreement.validUntil) return deny("AGREEMENT_EXPIRED");
  if (purpose === null) return deny("PURPOSE_REQUIRED");
  const permitted =
    agreement.purposes.includes(purpose) &&
    agreement.categories.includes(category) &&
    purposeMayRead(purpose, category) &&
    // Partners can never break glass, and legal disclosures are made by staff.
    categoryGroup(category) !== "customer_held" &&
    purpose !== "LEGAL_OBLIGATION";
  if (!permitted) return deny("PURPOSE_NOT_PERMITTED");
  return consentAllows(purpose, input.consents) ? ALLOW : deny("CONSENT_WITHDRAWN");
}

/**
 * Whether decide() can answer differently for two subjects when everything else is equal. It
 * looks at the subject only through ownership (customers), grants and legal-request scope
 * (staff) and consents (a purpose that rests on consent); a partner under any other purpose,
 * or an anonymous visitor, gets the same answer for everyone. The enforcement point uses
 * this to decide once per category instead of once per field.
 */
export function decisionDependsOnSubject(principal: Principal, purpose: Purpose | null): boolean {
  switch (principal.kind) {
    case "anonymous":
      return false;
    case "customer":
    case "staff":
      return true;
    case "partner":
      return purpose !== null && legalBasisOf(purpose) === "CONSENT";
  }
}

/** The legal request cited names both this subject and this category. */
function legalRequestCovers({ legalRequest, subjectId, category }: DecisionInput): boolean {
  if (legalRequest === null) return false;
  return legalRequest.subjectIds.includes(subjectId) && legalRequest.categories.includes(category);
}

/** An intake match confirms identity: its name and email, nothing more. */
function intakeCovers({ intake, category }: DecisionInput): boolean {
  return intake === true && INTAKE_CATEGORIES.includes(category);
}

/** A grant to this staff member, for this subject, whose reason opens this purpose, live now. */
function hasActiveGrant(input: DecisionInput, staffId: string, purpose: Purpose): boolean {
  return input.grants.some(
    (grant) =>
      grant.staffId === staffId &&
      grant.subjectId === input.subjectId &&
      BREAK_GLASS_REASON_PURPOSE[grant.reason] === purpose &&
      isGrantActive(grant, input.now),
  );
}

/** Active on [startsAt, expiresAt), and not revoked at or before `now`. */
export function isGrantActive(grant: BreakGlassGrant, now: Date): boolean {
  const revoked = grant.revokedAt != null && grant.revokedAt <= now;
  return grant.startsAt <= now && now < grant.expiresAt && !revoked;
}

/**
 * Purposes with another legal basis need no consent. A consent-based purpose needs an
 * explicit GIVEN; a consent-based purpose missing from the consent vocabulary fails closed.
 */
function consentAllows(purpose: Purpose, consents: ConsentSnapshot): boolean {
  if (legalBasisOf(purpose) !== "CONSENT") return true;
  return isConsentPurpose(purpose) && permitsProcessing(consents[purpose]);
}

const EXPLANATIONS: Readonly<Record<DenyReason, string>> = {
  UNAUTHENTICATED: "You need to sign in to see this information.",
  NOT_OWNER: "This information belongs to another person.",
  ROLE: "Your staff role may not use data for the declared purpose.",
  PURPOSE_REQUIRED: "A purpose must be declared to read personal data.",
  PURPOSE_NOT_PERMITTED: "The declared purpose does not allow reading this kind of data.",
  CONSENT_WITHDRAWN: "The person has not given, or has withdrawn, consent for this purpose.",
  NO_AGREEMENT: "There is no data-processing agreement in force with this partner.",
  AGREEMENT_EXPIRED: "The partner's data-processing agreement has expired.",
  BREAK_GLASS_REQUIRED:
    "Data customers hold about other people needs an active break-glass grant citing a malfunction or legal request.",
  LEGAL_REQUEST_REQUIRED:
    "A legal disclosure needs a recorded legal request that names this person and this kind of data.",
  NEVER_READABLE: "Credentials are never readable, by anyone.",
};

/** The same reasons in brief, for where a redacted value would be ("Redacted — …"). */
const IN_BRIEF: Readonly<Record<DenyReason, string>> = {
  UNAUTHENTICATED: "sign in first",
  NOT_OWNER: "only the customer can see this",
  ROLE: "your role may not use data for this purpose",
  PURPOSE_REQUIRED: "declare a purpose first",
  PURPOSE_NOT_PERMITTED: "the declared purpose does not allow reading this",
  CONSENT_WITHDRAWN: "the customer has not consented to this purpose",
  NO_AGREEMENT: "no data-processing agreement is in force",
  AGREEMENT_EXPIRED: "the data-processing agreement has expired",
  BREAK_GLASS_REQUIRED: "needs an active break-glass grant",
  LEGAL_REQUEST_REQUIRED: "needs a recorded legal request covering it",
  NEVER_READABLE: "never readable",
};

/** A short plain-English sentence for a deny reason, for error messages. */
export function explainDenyReason(reason: DenyReason): string {
  return EXPLANATIONS[reason];
}

/** A deny reason in a few lower-case words, for the console's "Redacted — …" in place of a value. */
export function denyReasonInBrief(reason: DenyReason): string {
  return IN_BRIEF[reason];
}
