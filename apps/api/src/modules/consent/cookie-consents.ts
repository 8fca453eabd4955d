/** The consent centre's view: cookie categories over the subject's consent purposes. */
import {
  COOKIE_CATEGORIES,
  COOKIE_CATEGORY_PURPOSE,
  permitsProcessing,
} from "@privet/domain/consent";
import { PURPOSE_DEFINITIONS } from "@privet/domain/purposes";
import type { Context } from "../../context/context.js";
import { type CurrentConsents, currentConsentsOf, requestSubject } from "./consent-subject.js";
import { CookieConsent } from "./cookie-consent.type.js";

const NECESSARY_DESCRIPTION =
  "Keep you signed in, keep the service secure and remember your cookie choices. Always on.";

export function toCookieConsents(current: CurrentConsents, gpc: boolean): CookieConsent[] {
  return COOKIE_CATEGORIES.map((category) => {
    const purpose = COOKIE_CATEGORY_PURPOSE[category];
    const row = purpose ? current.get(purpose) : undefined;
    return Object.assign(new CookieConsent(), {
      category,
      purpose,
      state: purpose ? (row?.state ?? null) : "GIVEN",
      enabled: purpose ? permitsProcessing(row?.state) : true,
      required: purpose === null,
      source: row?.source ?? null,
      updatedAt: row?.updatedAt ?? null,
      lockedByGpc: gpc && purpose === "REMARKETING",
      description: purpose ? PURPOSE_DEFINITIONS[purpose].description : NECESSARY_DESCRIPTION,
    });
  });
}

/** The request's subject's cookie choices (all optional categories off when there is none). */
export async function requestCookieConsents(context: Context): Promise<CookieConsent[]> {
  const subject = await requestSubject(context);
  const current = subject ? await currentConsentsOf(context, subject) : new Map();
  return toCookieConsents(current, context.request.gpc);
}
