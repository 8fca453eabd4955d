/**
 * Principals: who is asking. Every read of personal data is decided for one of these.
 */
import type { Purpose } from "./purposes.js";
import type { DataCategory } from "./taxonomy.js";

export const STAFF_ROLES = [
  "SUPPORT_AGENT",
  "PRIVACY_OFFICER",
  "SECURITY_OFFICER",
  "AUDITOR",
  "ADMINISTRATOR",
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The purposes each staff role may declare. An auditor reads the audit trail (which holds no
 * personal data) and never personal fields; an administrator runs the system, not the data.
 */
export const ROLE_PURPOSES: Readonly<Record<StaffRole, readonly Purpose[]>> = {
  SUPPORT_AGENT: ["SUPPORT"],
  PRIVACY_OFFICER: [
    "PRIVACY_REQUEST_HANDLING",
    "SUPPORT",
    "LEGAL_OBLIGATION",
    "BREACH_RESPONSE",
    "SERVICE_ANNOUNCEMENTS",
    "MARKETING",
  ],
  SECURITY_OFFICER: ["MALFUNCTION_INVESTIGATION", "BREACH_RESPONSE"],
  AUDITOR: [],
  ADMINISTRATOR: ["SERVICE_ANNOUNCEMENTS"],
};

export function roleMayDeclare(role: StaffRole, purpose: Purpose): boolean {
  return ROLE_PURPOSES[role].includes(purpose);
}

/**
 * The roles that sign in with a second factor (TOTP) as well as a password: administrators run
 * staff accounts and keys, privacy officers read and disclose the most. Other roles may not
 * enrol today; a member who has a second factor is always asked for it.
 */
export const SECOND_FACTOR_ROLES: readonly StaffRole[] = ["ADMINISTRATOR", "PRIVACY_OFFICER"];

export function roleNeedsSecondFactor(role: StaffRole): boolean {
  return SECOND_FACTOR_ROLES.includes(role);
}

/**
 * What the console's purpose bar offers this role: the purposes decide() lets it read under
 * (ROLE_PURPOSES, the table the API enforces), so nobody is offered one that only redacts.
 */
export function declarablePurposes(role: StaffRole): readonly Purpose[] {
  return ROLE_PURPOSES[role];
}

export const PROCESSOR_KINDS = [
  "CLOUD_STORAGE",
  "EMAIL_SERVICE",
  "ADVERTISING",
  "PAYMENT_PROCESSOR",
] as const;
export type ProcessorKind = (typeof PROCESSOR_KINDS)[number];

export type Principal =
  | { readonly kind: "anonymous"; readonly visitorId?: string }
  | { readonly kind: "customer"; readonly subjectId: string }
  | { readonly kind: "staff"; readonly staffId: string; readonly role: StaffRole }
  | { readonly kind: "partner"; readonly processorId: string };

/** A processor's data-processing agreement: what it may read, why, and for how long. */
export interface Agreement {
  readonly processorId: string;
  readonly purposes: readonly Purpose[];
  readonly categories: readonly DataCategory[];
  readonly validFrom: Date;
  /** Exclusive: the agreement no longer covers reads at or after this instant. */
  readonly validUntil: Date;
}

export const BREAK_GLASS_REASONS = ["MALFUNCTION", "LEGAL_REQUEST"] as const;
export type BreakGlassReason = (typeof BREAK_GLASS_REASONS)[number];

/**
 * The one purpose each break-glass reason opens (P-12): a grant citing a malfunction serves
 * only a malfunction investigation, a grant citing a legal request only a legal disclosure.
 */
export const BREAK_GLASS_REASON_PURPOSE: Readonly<Record<BreakGlassReason, Purpose>> = {
  MALFUNCTION: "MALFUNCTION_INVESTIGATION",
  LEGAL_REQUEST: "LEGAL_OBLIGATION",
};

/**
 * A time-limited grant that opens the data one customer holds about other individuals to one
 * staff member, citing an incident or a recorded legal request.
 */
export interface BreakGlassGrant {
  readonly staffId: string;
  readonly subjectId: string;
  readonly reason: BreakGlassReason;
  readonly startsAt: Date;
  /** Exclusive. */
  readonly expiresAt: Date;
  readonly revokedAt?: Date | null;
}

/** A recorded legal request (court order, government request, legal process) and its scope. */
export interface LegalRequestScope {
  readonly id: string;
  readonly subjectIds: readonly string[];
  readonly categories: readonly DataCategory[];
}
