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
  PORTAL: "in this portal",
  BANNER: "in the cookie banner",
  GPC: "by your browser's Global Privacy Control",
  EMAIL_LINK: "with a link in one of our emails",
  STAFF_ON_REQUEST: "by our staff at your request",
  API: "through our app",
};

export function consentSourceLabel(source: ConsentSource): string {
  return CONSENT_SOURCE_LABELS[source];
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
