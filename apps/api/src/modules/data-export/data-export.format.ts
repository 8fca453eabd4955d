/**
 * The data export: everything Privet holds about the signed-in customer, as one JSON document
 * they can keep or take elsewhere. `formatVersion` changes when a field changes meaning or
 * goes away (adding a section does not), so a tool reading exports can tell them apart.
 *
 * Never in it, whoever asks: secrets and what only works as one. The password (held only as a
 * one-way hash), session tokens (held only as hashes) and the cookie values themselves (a
 * cookie is shown by the same pseudonym as Customer.cookieIds), the payment processor's token,
 * the ledger's and audit log's chain hashes and the keyed hash of the IP in consent events
 * (integrity and pseudonymisation machinery, meaningless without our key), staff members'
 * names (the access log and the answers to support requests name the staff member's role, as
 * the portal does) and anything about another person. `notes` says so in the document itself.
 */
import type { ExportedCategory } from "@privet/domain/data-rights";

export const DATA_EXPORT_FORMAT = "privet.data-export";
export const DATA_EXPORT_FORMAT_VERSION = 1;

/** "section.field" for every field of the document's sections (a list's items' fields). */
type SectionField = {
  [S in keyof DataExportDocument]: DataExportDocument[S] extends ReadonlyArray<infer Item>
    ? Item extends object
      ? `${S}.${keyof Item & string}`
      : never
    : DataExportDocument[S] extends object
      ? `${S}.${keyof DataExportDocument[S] & string}`
      : never;
}[keyof DataExportDocument];

/**
 * Where each exported category shows in the document. Which categories the export holds is the
 * domain's decision (@privet/domain/data-rights: all but the password, never readable, and the
 * processor token, not the customer's to use), with the reasons. A category the domain declares exported
 * with no place here does not compile, nor does a field renamed in the document; the export's
 * test finds each field in a real export.
 */
export const EXPORTED_FIELDS: { readonly [C in ExportedCategory]: readonly SectionField[] } = {
  "user.device.ip_address": ["sessions.ipAddress"],
  "user.device.browser": ["sessions.browser", "sessions.userAgent"],
  "user.device.os": ["sessions.os", "sessions.userAgent"],
  "user.device.cookie_id": ["cookies.cookieId"],
  "user.name": ["profile.name"],
  "user.contact.email": ["profile.email"],
  "user.contact.country": ["profile.country", "profile.region", "profile.jurisdiction"],
  "user.financial.card.brand": ["paymentMethods.brand"],
  "user.financial.card.last4": ["paymentMethods.last4"],
  "user.financial.card.expiry": ["paymentMethods.expiryMonth", "paymentMethods.expiryYear"],
  "user.content.message": [
    "supportRequests.subject",
    "supportRequests.message",
    "supportRequests.replies",
    "privacyRequests.details",
  ],
  "user.behavior.navigation": ["navigationEvents.path", "navigationEvents.referrer"],
  "user.held.other_individuals": ["heldRecords.label", "heldRecords.content"],
};

export const DATA_EXPORT_NOTES: readonly string[] = [
  "Your password is held only as a one-way hash and is not included.",
  "Session tokens are held only as hashes and are not included. Your browser's cookies are shown by pseudonyms, because their values work like keys.",
  "Your card is shown by brand, last four digits and expiry. The payment processor's token is not included: it can only be used through our processor account, and says nothing more about you.",
  "The IP address behind each consent choice is held only as a keyed hash, which is not included.",
  "The access log lists each read of your data by our staff (by role) or a processor (by name): who, why, when and what kind of data, never the values read.",
  "Each support request holds the answers our staff sent you, oldest first, with the role of the person who wrote each one, not their name.",
];

type Iso = string;

export interface DataExportDocument {
  readonly format: typeof DATA_EXPORT_FORMAT;
  readonly formatVersion: typeof DATA_EXPORT_FORMAT_VERSION;
  readonly exportedAt: Iso;
  readonly notes: readonly string[];
  readonly profile: {
    readonly id: string;
    readonly name: string;
    readonly email: string;
    readonly country: string;
    readonly region: string | null;
    readonly jurisdiction: string;
    readonly createdAt: Iso;
  };
  readonly sessions: ReadonlyArray<{
    readonly id: string;
    readonly ipAddress: string;
    readonly userAgent: string;
    readonly browser: string;
    readonly os: string;
    readonly createdAt: Iso;
    readonly lastSeenAt: Iso;
    readonly expiresAt: Iso;
    readonly revokedAt: Iso | null;
    readonly current: boolean;
  }>;
  readonly cookies: ReadonlyArray<{
    readonly cookieId: string;
    readonly firstSeenAt: Iso;
    readonly linkedToAccountAt: Iso | null;
    readonly doNotTrackSeenAt: Iso | null;
    readonly globalPrivacyControlSeenAt: Iso | null;
  }>;
  readonly paymentMethods: ReadonlyArray<{
    readonly brand: string;
    readonly last4: string;
    readonly expiryMonth: number;
    readonly expiryYear: number;
    readonly addedAt: Iso;
    readonly replacedAt: Iso | null;
  }>;
  readonly navigationEvents: ReadonlyArray<{
    readonly path: string;
    readonly referrer: string | null;
    readonly occurredAt: Iso;
  }>;
  readonly heldRecords: ReadonlyArray<{
    readonly id: string;
    readonly label: string;
    readonly content: string;
    readonly createdAt: Iso;
  }>;
  readonly consents: ReadonlyArray<{
    readonly purpose: string;
    readonly description: string;
    readonly legalBasis: string;
    readonly state: string | null;
    readonly source: string | null;
    readonly updatedAt: Iso | null;
    readonly policyVersion: string | null;
  }>;
  readonly consentHistory: ReadonlyArray<{
    readonly id: string;
    readonly purpose: string;
    readonly state: string;
    readonly source: string;
    readonly occurredAt: Iso;
    readonly policyVersion: string | null;
    readonly jurisdiction: string | null;
  }>;
  readonly accessLog: ReadonlyArray<{
    readonly accessorKind: string;
    readonly staffRole: string | null;
    readonly processorName: string | null;
    readonly purpose: string | null;
    readonly reference: string | null;
    readonly category: string;
    readonly categoryLabel: string;
    readonly fieldPath: string;
    readonly occurredAt: Iso;
    readonly breakGlassReason: string | null;
    readonly underLegalRequest: boolean;
  }>;
  readonly privacyRequests: ReadonlyArray<{
    readonly id: string;
    readonly kind: string;
    readonly status: string;
    readonly jurisdiction: string;
    readonly details: string;
    readonly receivedAt: Iso;
    readonly confirmBy: Iso | null;
    readonly dueAt: Iso;
    readonly extendedAt: Iso | null;
    readonly extensionReason: string | null;
    readonly verifiedAt: Iso | null;
    readonly fulfilledAt: Iso | null;
    readonly outcome: unknown;
  }>;
  readonly supportRequests: ReadonlyArray<{
    readonly id: string;
    readonly subject: string;
    readonly message: string;
    readonly status: string;
    readonly createdAt: Iso;
    readonly answeredAt: Iso | null;
    /** Staff answers, oldest first: the text sent to the customer and who wrote it, by role. */
    readonly replies: ReadonlyArray<{
      readonly body: string;
      readonly staffRole: string;
      readonly sentAt: Iso;
    }>;
  }>;
}
