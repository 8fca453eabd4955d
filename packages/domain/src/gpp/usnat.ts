/**
 * The IAB Global Privacy Platform string for the US national section (usnat, section id 7,
 * version 2), computed from a person's consents and their Global Privacy Control signal:
 * what Privet hands the advertising partner with each person's data, and the banner.
 *
 *   header "~" usnat core "." usnat GPC subsection
 *
 * How Privet's purposes map to the three opt-outs (the privacy policy's "Advertising
 * Information" and its paragraph on sharing): the only processing that a US law could call a sale, a sharing
 * (CPRA: cross-context behavioural advertising) or targeted advertising is REMARKETING —
 * ads based on past visits through an advertising network (the ADVERTISING cookie category).
 * The policy says "we don't sell or trade your personal information", but under the CPRA the
 * data an ad network's cookies collect can count as a sale, so the sale opt-out follows the
 * same consent rather than claiming "not applicable". Consent in Privet is opt-in: only a
 * current GIVEN permits processing (`permitsProcessing`), so a person who never answered, or
 * refused, withdrew or let consent expire, is opted out (1); a GPC signal is an opt-out
 * whatever the ledger holds (P-15). Only GIVEN without GPC is "did not opt out" (2).
 * MARKETING (email), PERSONALISATION and SERVICE_IMPROVEMENT are first-party uses: none is a
 * sale, a sharing or targeted advertising, so they do not move these fields.
 */
import { type ConsentSnapshot, permitsProcessing } from "../consent.js";
import { compressedBase64Url, fibonacciRange, fixedInteger } from "./bits.js";

/** GPP's section id and version for usnat, and the header's own type and version. */
export const USNAT_SECTION_ID = 7;
export const USNAT_VERSION = 2;
const HEADER_TYPE = 3;
const HEADER_VERSION = 1;

/** A usnat two-bit field: 0 not applicable, 1 yes (opted out / notice given), 2 no. */
export type UsNatFlag = 0 | 1 | 2;

/** Every field of the usnat core segment (version 2) and its GPC subsection. */
export interface UsNatFields {
  readonly sharingNotice: UsNatFlag;
  readonly saleOptOutNotice: UsNatFlag;
  readonly sharingOptOutNotice: UsNatFlag;
  readonly targetedAdvertisingOptOutNotice: UsNatFlag;
  readonly sensitiveDataProcessingOptOutNotice: UsNatFlag;
  readonly sensitiveDataLimitUseNotice: UsNatFlag;
  readonly saleOptOut: UsNatFlag;
  readonly sharingOptOut: UsNatFlag;
  readonly targetedAdvertisingOptOut: UsNatFlag;
  /** 16 categories of sensitive data. */
  readonly sensitiveDataProcessing: readonly UsNatFlag[];
  /** 3 entries: consents for known children's sensitive data. */
  readonly knownChildSensitiveDataConsents: readonly UsNatFlag[];
  readonly personalDataConsents: UsNatFlag;
  /** 1 yes, 2 no (never 0). */
  readonly mspaCoveredTransaction: 1 | 2;
  readonly mspaOptOutOptionMode: UsNatFlag;
  readonly mspaServiceProviderMode: UsNatFlag;
  /** The person's browser sent Sec-GPC: 1 (the GPC subsection's flag). */
  readonly gpc: boolean;
}

/**
 * A person's usnat fields from their consents and GPC (the opt-outs: see the header comment).
 * The rest is what Privet's policy makes of the other fields:
 * - the notices — SharingNotice, SaleOptOutNotice, SharingOptOutNotice,
 *   TargetedAdvertisingOptOutNotice — are 1 (given): the policy describes the remarketing, and
 *   the banner and the consent centre offer the choice before any advertising cookie is set;
 * - the sensitive-data notices, SensitiveDataProcessing (16 categories) and the known-child
 *   consents (3) are 0 (not applicable): Privet processes no sensitive data as those laws
 *   define it, and its services are not directed at children;
 * - PersonalDataConsents 0 (no such consent is collected);
 * - MspaCoveredTransaction 2 (no: the company has not signed the IAB's Multi-State Privacy
 *   Agreement), so the MSPA modes are 0 (not applicable).
 */
export function usNatFieldsFor(consents: ConsentSnapshot, gpc: boolean): UsNatFields {
  const optedOut: UsNatFlag = gpc || !permitsProcessing(consents.REMARKETING) ? 1 : 2;
  return {
    sharingNotice: 1,
    saleOptOutNotice: 1,
    sharingOptOutNotice: 1,
    targetedAdvertisingOptOutNotice: 1,
    sensitiveDataProcessingOptOutNotice: 0,
    sensitiveDataLimitUseNotice: 0,
    saleOptOut: optedOut,
    sharingOptOut: optedOut,
    targetedAdvertisingOptOut: optedOut,
    sensitiveDataProcessing: new Array<UsNatFlag>(16).fill(0),
    knownChildSensitiveDataConsents: [0, 0, 0],
    personalDataConsents: 0,
    mspaCoveredTransaction: 2,
    mspaOptOutOptionMode: 0,
    mspaServiceProviderMode: 0,
    gpc,
  };
}

const two = (flag: UsNatFlag) => fixedInteger(flag, 2);

function list(flags: readonly UsNatFlag[], length: number, name: string): string {
  if (flags.length !== length) throw new RangeError(`${name} must have ${length} entries`);
  return flags.map(two).join("");
}

/** The core segment's bits, in the spec's order. */
function coreBits(fields: UsNatFields): string {
  return [
    fixedInteger(USNAT_VERSION, 6),
    two(fields.sharingNotice),
    two(fields.saleOptOutNotice),
    two(fields.sharingOptOutNotice),
    two(fields.targetedAdvertisingOptOutNotice),
    two(fields.sensitiveDataProcessingOptOutNotice),
    two(fields.sensitiveDataLimitUseNotice),
    two(fields.saleOptOut),
    two(fields.sharingOptOut),
    two(fields.targetedAdvertisingOptOut),
    list(fields.sensitiveDataProcessing, 16, "sensitiveDataProcessing"),
    list(fields.knownChildSensitiveDataConsents, 3, "knownChildSensitiveDataConsents"),
    two(fields.personalDataConsents),
    two(fields.mspaCoveredTransaction),
    two(fields.mspaOptOutOptionMode),
    two(fields.mspaServiceProviderMode),
  ].join("");
}

/** The GPC subsection: its type (1) and the flag. */
function gpcBits(gpc: boolean): string {
  return `${fixedInteger(1, 2)}${gpc ? "1" : "0"}`;
}

/** The usnat section alone: "<core>.<gpc>". */
export function encodeUsNatSection(fields: UsNatFields): string {
  return `${compressedBase64Url(coreBits(fields))}.${compressedBase64Url(gpcBits(fields.gpc))}`;
}

/** The GPP header naming the sections that follow. */
export function encodeGppHeader(sectionIds: readonly number[]): string {
  return compressedBase64Url(
    `${fixedInteger(HEADER_TYPE, 6)}${fixedInteger(HEADER_VERSION, 6)}${fibonacciRange(sectionIds)}`,
  );
}

/** The whole GPP string with only the usnat section: "DBABLA~<core>.<gpc>". */
export function encodeUsNatGpp(fields: UsNatFields): string {
  return `${encodeGppHeader([USNAT_SECTION_ID])}~${encodeUsNatSection(fields)}`;
}

/** A person's GPP string from their consents and GPC signal. */
export function gppStringFor(consents: ConsentSnapshot, gpc: boolean): string {
  return encodeUsNatGpp(usNatFieldsFor(consents, gpc));
}
