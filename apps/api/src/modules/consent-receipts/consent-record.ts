/**
 * One consent event of the ledger as an ISO/IEC TS 27560:2023 consent record, written with the
 * W3C Data Privacy Vocabulary as the DPVCG's guide "Consent Records and Receipts as per ISO/IEC
 * TS 27560:2023 using DPV" does (its `dpv-27560#record` profile, JSON-LD). Pure: the event, the
 * controller and the time of issue in, the record out.
 *
 * Which key holds which 27560 element:
 *   schema version ............ dct:conformsTo (the dpv-27560 record profile)
 *   record identifier ......... dct:identifier (the ledger event's id; @id its URN)
 *   record creation time ...... dct:created (the event's time: the ledger writes the record then)
 *   PII principal (subject) ... dpv:hasDataSubject (the customer's id, never a name or email)
 *   PII controller ............ dpv:hasDataController (name, contact address, site)
 *   jurisdiction .............. dpv:hasJurisdiction / dpv:hasApplicableLaw (the event's)
 *   legal basis ............... dpv:hasLegalBasis (dpv:Consent)
 *   purposes and processing ... dpv:hasProcess: dpv:hasPurpose (the purpose, its words) and
 *                               dpv:hasPersonalData (the data categories the purpose may use)
 *   notice .................... dpv:hasNotice (the policy version in force, its effective date)
 *   consent status ............ dpv:hasConsentStatus (ConsentGiven, -Refused, -Withdrawn,
 *                               -Expired)
 *   event: time ............... dpv:isIndicatedAtTime
 *   event: by whom ............ dpv:isIndicatedBy (the data subject, or the controller's staff
 *                               acting on the subject's request)
 *   event: method / source .... dpv:hasIndicationMethod (where the choice was made, in words,
 *                               with the ledger's source code)
 *   evidence (extension) ...... privet:ledger — the event's place in the subject's hash chain
 *                               (sequence and SHA-256), which the signed checkpoints vouch for.
 */
import type { ConsentSource, ConsentState } from "@privet/domain/consent";
import { consentSourceLabel, purposeLabel } from "@privet/domain/labels";
import { PURPOSE_DEFINITIONS, type Purpose } from "@privet/domain/purposes";

export const CONSENT_RECORD_PROFILE = "https://w3id.org/dpv/schema/dpv-27560#record";

export interface ConsentEventFacts {
  readonly id: string;
  readonly customerId: string;
  readonly sequence: string;
  readonly hash: string;
  readonly purpose: Purpose;
  readonly state: ConsentState;
  readonly source: ConsentSource;
  readonly jurisdiction: "GDPR" | "CCPA" | "OTHER" | null;
  readonly occurredAt: Date;
  readonly policy: {
    readonly id: string;
    readonly version: string;
    readonly effectiveAt: Date;
  } | null;
}

export interface DataController {
  readonly name: string;
  /** The address the policy gives for questions (PRIVET_CONTACT_EMAIL). */
  readonly contact: string;
  /** The controller's site (the portal), where the policy versions are published. */
  readonly site: string;
}

/** The policy names its company as the one collecting: the controller of every record. */
export const CONTROLLER_NAME = "SafeSoft Solutions";

const STATUS: Readonly<Record<ConsentState, string>> = {
  GIVEN: "dpv:ConsentGiven",
  REFUSED: "dpv:ConsentRefused",
  WITHDRAWN: "dpv:ConsentWithdrawn",
  EXPIRED: "dpv:ConsentExpired",
};

/** DPV's location codes and laws for the ledger's jurisdictions; OTHER names none. */
const JURISDICTION = {
  GDPR: { location: "loc:EU", law: "eu-gdpr:GDPR" },
  CCPA: { location: "loc:US-CA", law: "us-ca:CCPA" },
} as const;

export type ConsentRecord = Readonly<Record<string, unknown>>;

export function consentRecordOf(
  event: ConsentEventFacts,
  controller: DataController,
): ConsentRecord {
  const definition = PURPOSE_DEFINITIONS[event.purpose];
  const jurisdiction =
    event.jurisdiction === "GDPR" || event.jurisdiction === "CCPA"
      ? JURISDICTION[event.jurisdiction]
      : null;
  // Staff record a choice only when the person asked them to; everything else is the person's
  // own act (GPC too: their browser's signal, sent on their behalf).
  const indicatedBy =
    event.source === "STAFF_ON_REQUEST" ? "dpv:DataController" : "dpv:DataSubject";
  return {
    "@context": {
      dpv: "https://w3id.org/dpv#",
      dct: "http://purl.org/dc/terms/",
      loc: "https://w3id.org/dpv/loc#",
      "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
      "us-ca": "https://w3id.org/dpv/legal/us/ca#",
      privet: "urn:privet:",
    },
    "@id": `urn:uuid:${event.id}`,
    "@type": "dpv:ConsentRecord",
    "dct:conformsTo": CONSENT_RECORD_PROFILE,
    "dct:identifier": event.id,
    "dct:created": event.occurredAt.toISOString(),
    "dpv:hasDataSubject": { "@id": `privet:customer:${event.customerId}`, "@type": "dpv:Customer" },
    "dpv:hasDataController": {
      "@id": controller.site,
      "@type": "dpv:DataController",
      "dct:title": controller.name,
      "dpv:hasContact": `mailto:${controller.contact}`,
    },
    ...(jurisdiction
      ? { "dpv:hasJurisdiction": jurisdiction.location, "dpv:hasApplicableLaw": jurisdiction.law }
      : {}),
    "dpv:hasLegalBasis": "dpv:Consent",
    "dpv:hasProcess": {
      "@type": "dpv:Process",
      "dpv:hasPurpose": {
        "@id": `privet:purpose:${event.purpose}`,
        "dct:title": purposeLabel(event.purpose),
        "dct:description": definition.description,
      },
      "dpv:hasPersonalData": definition.categories.map((category) => `privet:category:${category}`),
    },
    "dpv:hasNotice": event.policy
      ? {
          // The portal's page for that version (P-18: every version stays readable).
          "@id": `${controller.site}/policy/${event.policy.id}`,
          "@type": "dpv:ConsentNotice",
          "dct:identifier": event.policy.version,
          "dct:valid": event.policy.effectiveAt.toISOString(),
        }
      : null,
    "dpv:hasConsentStatus": STATUS[event.state],
    "dpv:isIndicatedAtTime": event.occurredAt.toISOString(),
    "dpv:isIndicatedBy": indicatedBy,
    "dpv:hasIndicationMethod": {
      "@id": `privet:source:${event.source}`,
      "dct:description": `Recorded ${consentSourceLabel(event.source)}.`,
    },
    "privet:ledger": { sequence: event.sequence, sha256: event.hash },
  };
}
