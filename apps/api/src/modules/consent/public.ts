/**
 * The consent module's surface: reading a subject's consents and history, recording consent
 * events through the ledger, merging a visitor into a customer, and the privacy signals the
 * server applies before every operation.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export { consentHistoryOf, consentsOf } from "./consent-loaders.js";
export { currentConsentsOf } from "./consent-subject.js";
export { type CookieChoice, checkCookieChoices, cookieChoiceWrites } from "./cookie-choices.js";
export { toCookieConsents } from "./cookie-consents.js";
export { gpcSupportRoute } from "./gpc-support.route.js";
export { mergeVisitorIntoCustomer } from "./merge-visitor.js";
export { navigationEventsOf } from "./navigation-events-of.js";
export { applyPrivacySignals } from "./privacy-signals.js";
export { recordConsents } from "./record-consent.js";
