import { ConsentHistoryResolver } from "./consent-history.resolver.js";
import { CookieConsentsResolver } from "./cookie-consents.resolver.js";
import { CustomerConsentsResolver } from "./customer-consents.resolver.js";
import { CustomerNavigationResolver } from "./customer-navigation.resolver.js";
import { MyConsentsResolver } from "./my-consents.resolver.js";
import { PrivacySignalsResolver } from "./privacy-signals.resolver.js";
import { RecordPageViewResolver } from "./record-page-view.resolver.js";
import { SetConsentResolver } from "./set-consent.resolver.js";
import { SetCookieConsentsResolver } from "./set-cookie-consents.resolver.js";

/** The consent module's resolver classes (see schema/resolvers.ts). */
export const consentResolvers = [
  MyConsentsResolver,
  ConsentHistoryResolver,
  SetConsentResolver,
  CookieConsentsResolver,
  SetCookieConsentsResolver,
  PrivacySignalsResolver,
  RecordPageViewResolver,
  CustomerConsentsResolver,
  CustomerNavigationResolver,
] as const;
