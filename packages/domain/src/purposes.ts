/**
 * Purposes: what data may be used for. Every use the policy names, plus the uses the law
 * imposes (legal obligation, breach response) and malfunction investigation (the only reason
 * the policy gives for touching data customers hold about other people).
 */
import type { DataCategory } from "./taxonomy.js";

export const LEGAL_BASES = [
  "CONSENT",
  "CONTRACT",
  "LEGITIMATE_INTEREST",
  "LEGAL_OBLIGATION",
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const PURPOSES = [
  "SIGN_IN",
  "SERVICE_IMPROVEMENT",
  "PERSONALISATION",
  "SUPPORT",
  "PAYMENT",
  "SERVICE_ANNOUNCEMENTS",
  "MARKETING",
  "REMARKETING",
  "CROSS_BORDER_CONSOLIDATION",
  "LEGAL_OBLIGATION",
  "MALFUNCTION_INVESTIGATION",
  "BREACH_RESPONSE",
  "PRIVACY_REQUEST_HANDLING",
] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface PurposeDefinition {
  readonly basis: LegalBasis;
  /** Plain words, as a customer would read them. */
  readonly description: string;
  /** The categories this purpose may ever read. Anything else is PURPOSE_NOT_PERMITTED. */
  readonly categories: readonly DataCategory[];
}

const DEVICE: readonly DataCategory[] = [
  "user.device.ip_address",
  "user.device.browser",
  "user.device.os",
  "user.device.cookie_id",
];
const CONTACT: readonly DataCategory[] = ["user.name", "user.contact.email"];
const CARD_DISPLAY: readonly DataCategory[] = [
  "user.financial.card.brand",
  "user.financial.card.last4",
  "user.financial.card.expiry",
];

export const PURPOSE_DEFINITIONS: Readonly<Record<Purpose, PurposeDefinition>> = {
  SIGN_IN: {
    basis: "CONTRACT",
    description: "Keep you signed in and make signing in simpler.",
    categories: [...DEVICE, "user.contact.email"],
  },
  SERVICE_IMPROVEMENT: {
    basis: "CONSENT",
    description: "Measure how the service is used so that we can improve it (analytics cookies).",
    categories: ["user.device.browser", "user.device.os", "user.device.cookie_id"],
  },
  PERSONALISATION: {
    basis: "CONSENT",
    description: "Customise the service to your preferences.",
    categories: ["user.name", "user.contact.country", "user.device.browser", "user.device.os"],
  },
  SUPPORT: {
    basis: "CONTRACT",
    description: "Answer your technical support requests.",
    categories: [
      ...CONTACT,
      "user.contact.country",
      ...DEVICE,
      ...CARD_DISPLAY,
      "user.content.message",
    ],
  },
  PAYMENT: {
    basis: "CONTRACT",
    description: "Take payment for your use of the services.",
    categories: [...CONTACT, "user.contact.country", ...CARD_DISPLAY, "user.financial.card.token"],
  },
  SERVICE_ANNOUNCEMENTS: {
    basis: "CONTRACT",
    description: "Tell you about changes to the services and to this policy.",
    categories: [...CONTACT],
  },
  MARKETING: {
    basis: "CONSENT",
    description: "Send you marketing materials (you can opt out from any of them).",
    categories: [...CONTACT],
  },
  REMARKETING: {
    basis: "CONSENT",
    description:
      "Show you relevant ads based on past visits, through an advertising network that cannot identify you.",
    categories: ["user.device.cookie_id", "user.behavior.navigation"],
  },
  CROSS_BORDER_CONSOLIDATION: {
    basis: "LEGITIMATE_INTEREST",
    description:
      "Store and consolidate customer information, possibly across state and country borders.",
    categories: [
      ...CONTACT,
      "user.contact.country",
      ...CARD_DISPLAY,
      "user.financial.card.token",
      ...DEVICE,
      "user.behavior.navigation",
    ],
  },
  LEGAL_OBLIGATION: {
    basis: "LEGAL_OBLIGATION",
    description:
      "Disclose information where the law requires it (government request, court order, legal process).",
    categories: [
      ...CONTACT,
      "user.contact.country",
      ...CARD_DISPLAY,
      "user.financial.card.token",
      ...DEVICE,
      "user.behavior.navigation",
      "user.content.message",
      "user.held.other_individuals",
    ],
  },
  MALFUNCTION_INVESTIGATION: {
    basis: "LEGITIMATE_INTEREST",
    description: "Examine data involved in a system malfunction, exclusively to solve the problem.",
    categories: [...DEVICE, "user.contact.email", "user.held.other_individuals"],
  },
  BREACH_RESPONSE: {
    basis: "LEGAL_OBLIGATION",
    description: "Notify you and the authorities of a security breach, as the law requires.",
    categories: [...CONTACT, "user.contact.country"],
  },
  PRIVACY_REQUEST_HANDLING: {
    // GDPR Art. 12–22 (and the CCPA's equivalents) oblige us to answer a customer's request.
    basis: "LEGAL_OBLIGATION",
    description: "Answer your requests to see, correct, erase or stop sharing your data.",
    // Exactly what answering needs: who asked and how to reach them (to verify and to reply),
    // their country (which law's deadlines apply) and what they wrote. Fulfilment itself
    // (the export, the erasure) is the API's work and reads nothing on a staff member's behalf.
    categories: [...CONTACT, "user.contact.country", "user.content.message"],
  },
};

/**
 * The purposes a staff member can declare in the console: all but signing in (the service's own
 * use, under which nobody reads anything) and remarketing (the advertising network's, never
 * staff's). Whether a staff member's role may use one is decide()'s ROLE rule, and a field read
 * under a purpose the role may not use comes back redacted with that reason.
 */
export const STAFF_PURPOSES: readonly Purpose[] = PURPOSES.filter(
  (purpose) => purpose !== "SIGN_IN" && purpose !== "REMARKETING",
);

export function isPurpose(value: string): value is Purpose {
  return (PURPOSES as readonly string[]).includes(value);
}

export function legalBasisOf(purpose: Purpose): LegalBasis {
  return PURPOSE_DEFINITIONS[purpose].basis;
}

export function purposeMayRead(purpose: Purpose, category: DataCategory): boolean {
  return PURPOSE_DEFINITIONS[purpose].categories.includes(category);
}
