import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { CookieConsent } from "./cookie-consent.type.js";
import { requestCookieConsents } from "./cookie-consents.js";

@Resolver()
export class CookieConsentsResolver {
  @Query(() => [CookieConsent], {
    description:
      "The cookie categories and the current visitor's or customer's choice on each (P-13). Necessary cookies are always on.",
  })
  cookieConsents(@Ctx() context: Context): Promise<CookieConsent[]> {
    return requestCookieConsents(context);
  }
}
