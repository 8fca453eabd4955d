/**
 * The banner's switches and words, from the domain (@privet/domain), so they cannot drift
 * from the portal's banner and consent centre: one switch per consent purpose that cookies
 * serve (PURPOSE_COOKIE_CATEGORIES), named by its label and its cookie categories' labels,
 * explained by the purpose's own description.
 */
import {
  CONSENT_PURPOSES,
  type ConsentPurpose,
  type CookieCategory,
  PURPOSE_COOKIE_CATEGORIES,
} from "@privet/domain/consent";
import { cookieCategoryLabel, purposeLabel } from "@privet/domain/labels";
import { PURPOSE_DEFINITIONS } from "@privet/domain/purposes";

export interface PurposeSwitch {
  readonly purpose: ConsentPurpose;
  readonly categories: readonly CookieCategory[];
  readonly label: string;
  readonly description: string;
}

export const PURPOSE_SWITCHES: readonly PurposeSwitch[] = CONSENT_PURPOSES.filter(
  (purpose) => PURPOSE_COOKIE_CATEGORIES[purpose].length > 0,
).map((purpose) => {
  const categories = PURPOSE_COOKIE_CATEGORIES[purpose];
  return {
    purpose,
    categories,
    label: `${purposeLabel(purpose)} (${categories.map(cookieCategoryLabel).join(", ").toLowerCase()} cookies)`,
    description: PURPOSE_DEFINITIONS[purpose].description,
  };
});

export const TEXT = {
  title: "Cookies on this site",
  intro:
    "We use necessary cookies to keep this site working and to remember this choice. With your permission we also use optional cookies, for the purposes below.",
  gpc: "Your browser sends Global Privacy Control (GPC), a setting that asks websites not to sell or share your data for advertising. We honour it: advertising stays off whatever you choose here, for as long as your browser sends it. The other cookies are up to you.",
  lockedByGpc: " Kept off: your browser sends Global Privacy Control.",
  legend: "Choose which optional cookies to allow",
  acceptAll: "Accept all",
  rejectAll: "Reject all",
  choose: "Choose cookies",
  save: "Save my choices",
  close: "Close without changes",
  failed: "We could not save your choice. Please try again.",
} as const;
