/**
 * Privet's vocabulary in fideslang's keys (fideslang-taxonomy.ts), for the Fides export.
 * Records over every category, purpose and group, so a new one does not compile until mapped;
 * fides-export.test.ts checks every value is a published key. Where fideslang has nothing as
 * narrow, the nearest parent stands (fideslang allows any key of its tree): browser and
 * operating system are `user.device`; the card's brand, last four and expiry are
 * `user.financial.credit_card`, the processor's token `user.payment`.
 */
import type { LegalBasis, Purpose } from "@privet/domain/purposes";
import type { CategoryGroup, DataCategory } from "@privet/domain/taxonomy";

export const FIDES_DATA_CATEGORY: Readonly<Record<DataCategory, string>> = {
  "user.device.ip_address": "user.device.ip_address",
  "user.device.browser": "user.device",
  "user.device.os": "user.device",
  "user.device.cookie_id": "user.device.cookie_id",
  "user.name": "user.name",
  "user.contact.email": "user.contact.email",
  "user.contact.country": "user.contact.address.country",
  "user.financial.card.brand": "user.financial.credit_card",
  "user.financial.card.last4": "user.financial.credit_card",
  "user.financial.card.expiry": "user.financial.credit_card",
  "user.financial.card.token": "user.payment",
  // Support questions, privacy requests, our replies and emails: private to the person.
  "user.content.message": "user.content.private",
  "user.behavior.navigation": "user.behavior.browsing_history",
  // Records a customer keeps about other people: content the customer provided, not public.
  "user.held.other_individuals": "user.content.private",
  "user.credentials.password": "user.authorization.password",
};

export const FIDES_DATA_USE: Readonly<Record<Purpose, string>> = {
  SIGN_IN: "essential.service.authentication",
  SERVICE_IMPROVEMENT: "functional.service.improve",
  PERSONALISATION: "personalize.content",
  SUPPORT: "essential.service.operations.support",
  PAYMENT: "essential.service.payment_processing",
  SERVICE_ANNOUNCEMENTS: "essential.service.notifications.email",
  MARKETING: "marketing.communications.email",
  // Ads on other sites through an advertising network, from past visits.
  REMARKETING: "marketing.advertising.third_party.targeted",
  CROSS_BORDER_CONSOLIDATION: "essential.service.operations",
  // Disclosure to an authority that orders it.
  LEGAL_OBLIGATION: "third_party_sharing.legal_obligation",
  MALFUNCTION_INVESTIGATION: "essential.service.operations",
  BREACH_RESPONSE: "essential.legal_obligation",
  PRIVACY_REQUEST_HANDLING: "essential.legal_obligation",
};

/**
 * Whose data each group is: device and advertising data belong to signed-in customers and to
 * anonymous visitors alike (the cookie id, navigation); the rest to customers. The records a
 * customer holds about other people are declared under `customer` too: fideslang has no subject
 * for people named in a customer's own records, and those records are the customer's.
 */
export const FIDES_DATA_SUBJECTS: Readonly<Record<CategoryGroup, readonly string[]>> = {
  device: ["customer", "anonymous_user"],
  personal: ["customer"],
  advertising: ["customer", "anonymous_user"],
  customer_held: ["customer"],
  credentials: ["customer"],
};

/** fideslang's LegalBasisForProcessingEnum values (GDPR Art. 6). */
export const FIDES_LEGAL_BASIS: Readonly<Record<LegalBasis, string>> = {
  CONSENT: "Consent",
  CONTRACT: "Contract",
  LEGITIMATE_INTEREST: "Legitimate interests",
  LEGAL_OBLIGATION: "Legal obligations",
};
