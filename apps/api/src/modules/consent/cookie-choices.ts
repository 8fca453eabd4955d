/**
 * What a cookie banner's choices write: shared by the portal's banner (setCookieConsents) and
 * the embeddable banner on the company's other sites (modules/embed), so both refuse the same
 * inputs and record the same transitions.
 */

import type { Prisma } from "@privet/db/client";
import {
  COOKIE_CATEGORY_PURPOSE,
  type ConsentSource,
  type CookieCategory,
} from "@privet/domain/consent";
import { badInput } from "../../errors/app-error.js";
import type { CurrentConsents } from "./consent-subject.js";
import type { ConsentWrite } from "./record-consent.js";

export interface CookieChoice {
  readonly category: CookieCategory;
  readonly enabled: boolean;
}

/** Refuses an empty list, a category twice, or necessary cookies rejected. */
export function checkCookieChoices(choices: readonly CookieChoice[]): void {
  if (choices.length === 0) throw badInput("choices", "Choose at least one cookie category.");
  const seen = new Set<CookieCategory>();
  for (const choice of choices) {
    if (seen.has(choice.category)) {
      throw badInput("choices", "Choose each cookie category at most once.");
    }
    seen.add(choice.category);
    if (COOKIE_CATEGORY_PURPOSE[choice.category] === null && !choice.enabled) {
      throw badInput("choices", "Necessary cookies keep the site working and cannot be rejected.");
    }
  }
}

/**
 * The consent events the choices make, given the subject's current consents: nothing for a
 * choice that changes nothing, a withdrawal for rejecting what was given, a refusal for
 * rejecting what never was, and advertising never turned on while GPC is sent (P-15).
 */
export function cookieChoiceWrites(options: {
  readonly subject: ConsentWrite["subject"];
  readonly current: CurrentConsents;
  readonly choices: readonly CookieChoice[];
  readonly gpc: boolean;
  readonly source: ConsentSource;
  readonly evidence: Prisma.InputJsonObject;
}): ConsentWrite[] {
  const writes: ConsentWrite[] = [];
  for (const { category, enabled } of options.choices) {
    const purpose = COOKIE_CATEGORY_PURPOSE[category];
    if (!purpose) continue; // necessary cookies need no consent
    if (enabled && purpose === "REMARKETING" && options.gpc) continue; // P-15
    const now = options.current.get(purpose)?.state;
    const state = enabled ? "GIVEN" : now === "GIVEN" ? "WITHDRAWN" : "REFUSED";
    const unchanged = enabled ? now === "GIVEN" : now === "WITHDRAWN" || now === "REFUSED";
    if (unchanged) continue;
    writes.push({
      subject: options.subject,
      purpose,
      state,
      source: options.source,
      evidence: { ...options.evidence, category },
    });
  }
  return writes;
}
