/**
 * Consent: the states a consent can be in, where a consent event came from, and the cookie
 * categories of the consent centre. A cookie category is a view onto a consent purpose, so
 * one ledger (keyed by purpose) records both banner choices and account consents.
 */
import type { Purpose } from "./purposes.js";

export const CONSENT_STATES = ["GIVEN", "REFUSED", "WITHDRAWN", "EXPIRED"] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/**
 * Where a consent event came from. PORTAL is the portal's consent centre ("My consents", the
 * setConsent operation; also the newsletter form, for subscribers without an account); BANNER
 * the cookie banner, first shown or reopened from "Cookie settings"; REGISTRATION the sign-up form;
 * EMBED the embeddable banner on the company's other sites (apps/embed).
 */
export const CONSENT_SOURCES = [
  "REGISTRATION",
  "PORTAL",
  "BANNER",
  "GPC",
  "EMAIL_LINK",
  "STAFF_ON_REQUEST",
  "API",
  "EMBED",
] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** Purposes a person can give or withdraw (those whose legal basis is consent). */
export const CONSENT_PURPOSES = [
  "MARKETING",
  "PERSONALISATION",
  "SERVICE_IMPROVEMENT",
  "REMARKETING",
] as const satisfies readonly Purpose[];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const COOKIE_CATEGORIES = ["NECESSARY", "PREFERENCES", "ANALYTICS", "ADVERTISING"] as const;
export type CookieCategory = (typeof COOKIE_CATEGORIES)[number];

/**
 * Which consent purpose each optional cookie category stands for. Necessary cookies (the
 * session) need no consent and cannot be rejected.
 */
export const COOKIE_CATEGORY_PURPOSE: Readonly<Record<CookieCategory, ConsentPurpose | null>> = {
  NECESSARY: null,
  PREFERENCES: "PERSONALISATION",
  ANALYTICS: "SERVICE_IMPROVEMENT",
  ADVERTISING: "REMARKETING",
};

/**
 * The optional cookie categories that serve each consent purpose: the consent centre shows a
 * purpose once, with its cookies under it, and one switch for both. Derived from
 * COOKIE_CATEGORY_PURPOSE, so the two views cannot disagree. Marketing is by email: no cookie.
 */
const serving = (purpose: ConsentPurpose): readonly CookieCategory[] =>
  COOKIE_CATEGORIES.filter((category) => COOKIE_CATEGORY_PURPOSE[category] === purpose);

export const PURPOSE_COOKIE_CATEGORIES: Readonly<
  Record<ConsentPurpose, readonly CookieCategory[]>
> = {
  MARKETING: serving("MARKETING"),
  PERSONALISATION: serving("PERSONALISATION"),
  SERVICE_IMPROVEMENT: serving("SERVICE_IMPROVEMENT"),
  REMARKETING: serving("REMARKETING"),
};

export function cookieCategoriesOf(purpose: ConsentPurpose): readonly CookieCategory[] {
  return PURPOSE_COOKIE_CATEGORIES[purpose];
}

export function isConsentPurpose(purpose: string): purpose is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly string[]).includes(purpose);
}

/** Only an explicit, current GIVEN permits processing; silence is not consent. */
export function permitsProcessing(state: ConsentState | undefined): boolean {
  return state === "GIVEN";
}

/** The current consent of one person, purpose by purpose (absent = never asked). */
export type ConsentSnapshot = Readonly<Partial<Record<ConsentPurpose, ConsentState>>>;
