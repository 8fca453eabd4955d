/**
 * The words people read for the domain's constants, in one place, so the portal, the console
 * and the API say the same thing and a constant added to the domain cannot go without words
 * (every table is a record over its constants). No runtime imports: the portal's initial
 * JavaScript pays only for this file.
 */
import type { ConsentSource, ConsentState, CookieCategory } from "./consent.js";
import type { BreakGlassReason, ProcessorKind, StaffRole } from "./principals.js";
import type { Purpose } from "./purposes.js";

/** "CROSS_BORDER_CONSOLIDATION" → "Cross border consolidation": a constant as a label. */
export function humanize(constant: string): string {
  const words = inWords(constant);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * "CROSS_BORDER_CONSOLIDATION" (or its label) → "cross border consolidation": for the middle of
 * a sentence ("Reading under cross border consolidation").
 */
export function inWords(constantOrLabel: string): string {
  return constantOrLabel.toLowerCase().replaceAll("_", " ");
}

export const PURPOSE_LABELS: Readonly<Record<Purpose, string>> = {
  SIGN_IN: "Sign in",
  SERVICE_IMPROVEMENT: "Service improvement",
  PERSONALISATION: "Personalisation",
  SUPPORT: "Support",
  PAYMENT: "Payment",
  SERVICE_ANNOUNCEMENTS: "Service announcements",
  MARKETING: "Marketing",
  REMARKETING: "Remarketing",
  CROSS_BORDER_CONSOLIDATION: "Cross border consolidation",
  LEGAL_OBLIGATION: "Legal obligation",
  MALFUNCTION_INVESTIGATION: "Malfunction investigation",
  BREACH_RESPONSE: "Breach response",
  PRIVACY_REQUEST_HANDLING: "Handling a privacy request",
};

export function purposeLabel(purpose: Purpose): string {
  return PURPOSE_LABELS[purpose];
}

export const STAFF_ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  SUPPORT_AGENT: "Support agent",
  PRIVACY_OFFICER: "Privacy officer",
  SECURITY_OFFICER: "Security officer",
  AUDITOR: "Auditor",
  ADMINISTRATOR: "Administrator",
};

export function roleLabel(role: StaffRole): string {
  return STAFF_ROLE_LABELS[role];
}

/** A consent's state as the person who gave it reads it. */
export const CONSENT_STATE_LABELS: Readonly<Record<ConsentState, string>> = {
  GIVEN: "Allowed",
  REFUSED: "Refused",
  WITHDRAWN: "Withdrawn",
  EXPIRED: "Expired",
};

export function consentStateLabel(state: ConsentState): string {
  return CONSENT_STATE_LABELS[state];
}

/** How a consent choice was made, to follow "Allowed …" or a choice in the history. */
export const CONSENT_SOURCE_LABELS: Readonly<Record<ConsentSource, string>> = {
  REGISTRATION: "when you registered",
  PORTAL: "in your consent centre",
  BANNER: "in the cookie banner",
  GPC: "by your browser's Global Privacy Control",
  EMAIL_LINK: "with a link in one of our emails",
  STAFF_ON_REQUEST: "by our staff at your request",
  API: "through our app",
  EMBED: "in the cookie banner on one of our other sites",
};

export function consentSourceLabel(source: ConsentSource): string {
  return CONSENT_SOURCE_LABELS[source];
}

/**
 * The same, as staff read it about a customer (the console's consent history): the words
 * above address the customer ("in your consent centre"), which misleads on a staff screen.
 */
export const CONSENT_SOURCE_STAFF_LABELS: Readonly<Record<ConsentSource, string>> = {
  REGISTRATION: "at registration",
  PORTAL: "in the portal's consent centre",
  BANNER: "in the portal's cookie banner",
  GPC: "by the browser's Global Privacy Control",
  EMAIL_LINK: "with a link in one of our emails",
  STAFF_ON_REQUEST: "by staff at the customer's request",
  API: "through the app",
  EMBED: "in the cookie banner on another of our sites",
};

export function consentSourceLabelForStaff(source: ConsentSource): string {
  return CONSENT_SOURCE_STAFF_LABELS[source];
}

export const COOKIE_CATEGORY_LABELS: Readonly<Record<CookieCategory, string>> = {
  NECESSARY: "Necessary",
  PREFERENCES: "Preferences",
  ANALYTICS: "Analytics",
  ADVERTISING: "Advertising",
};

export function cookieCategoryLabel(category: CookieCategory): string {
  return COOKIE_CATEGORY_LABELS[category];
}

export const PROCESSOR_KIND_LABELS: Readonly<Record<ProcessorKind, string>> = {
  CLOUD_STORAGE: "Cloud storage",
  EMAIL_SERVICE: "Email service",
  ADVERTISING: "Advertising",
  PAYMENT_PROCESSOR: "Payment processor",
};

export function processorKindLabel(kind: ProcessorKind): string {
  return PROCESSOR_KIND_LABELS[kind];
}

export const BREAK_GLASS_REASON_LABELS: Readonly<Record<BreakGlassReason, string>> = {
  MALFUNCTION: "Malfunction",
  LEGAL_REQUEST: "Legal request",
};

export function breakGlassReasonLabel(reason: BreakGlassReason): string {
  return BREAK_GLASS_REASON_LABELS[reason];
}

/** "verifyPrivacyRequest" → "Verify privacy request": an API name (an operation) as a label. */
export function identifierInWords(identifier: string): string {
  const words = identifier.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The API's input fields in words, where the field's own name does not read well: for the API's
 * validation messages (the field's name stays in the error's `extensions.field`) and for the
 * arguments the staff action log keeps. Any other field reads as `identifierInWords` makes it.
 */
export const INPUT_FIELD_LABELS: Readonly<Record<string, string>> = {
  id: "Record",
  customerId: "Customer",
  subjectId: "Customer",
  subjectIds: "Customers",
  staffUserId: "Staff member",
  principalId: "Read by",
  processorId: "Processor",
  legalRequestId: "Legal request",
  incidentId: "Breach incident",
  incidentRef: "Incident reference",
  campaignId: "Campaign",
  noticeIds: "Notices",
  requestId: "Request",
  expiresAt: "Ends",
  ref: "Reference",
  body: "The text",
  replyTo: "Reply-to address",
};

/** An input field in words: "staffUserId" → "Staff member", "expiryMonth" → "Expiry month". */
export function inputFieldLabel(field: string): string {
  const last = field.split(".").at(-1) ?? field;
  return INPUT_FIELD_LABELS[last] ?? identifierInWords(last);
}

/** What the API's error codes mean, as a staff member reads them in the staff action log. */
export const ERROR_CODE_LABELS: Readonly<Record<string, string>> = {
  BAD_USER_INPUT: "the input was not valid",
  UNAUTHENTICATED: "not signed in",
  FORBIDDEN: "not allowed",
  PURPOSE_REQUIRED: "no purpose declared",
  NOT_FOUND: "not found",
  RATE_LIMITED: "too many attempts",
  AUDIT_UNAVAILABLE: "the audit log could not be written, so nothing was done",
  DATABASE_UNAVAILABLE: "the database was not reachable, so nothing was done",
  INTERNAL_SERVER_ERROR: "an error on Privet's side",
  STAFF_ALREADY_ACTIVE: "the member has already chosen a password",
  STAFF_NOT_ACTIVE: "the member has not chosen a password yet",
  STAFF_MEMBER_DISABLED: "the account is disabled",
  ACCOUNT_LINK_INVALID: "the link had expired or was already used",
  CURRENT_PASSWORD_WRONG: "the current password was not correct",
  EMAIL_ALREADY_VERIFIED: "the email address was already verified",
};

/** An error code in words; one this table lacks, as its constant in words. */
export function errorCodeInWords(code: string): string {
  return ERROR_CODE_LABELS[code] ?? inWords(code);
}
