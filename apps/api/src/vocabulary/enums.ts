/** The domain's vocabularies as GraphQL enums, registered once for every module. */

import { JURISDICTIONS } from "@privet/domain/clocks";
import {
  CONSENT_PURPOSES,
  CONSENT_SOURCES,
  CONSENT_STATES,
  COOKIE_CATEGORIES,
} from "@privet/domain/consent";
import { PROCESSOR_KINDS, STAFF_ROLES } from "@privet/domain/principals";
import { LEGAL_BASES, PURPOSES } from "@privet/domain/purposes";
import { TIME_ORDERS } from "@privet/domain/staff-actions";
import { registerEnumType } from "type-graphql";

const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const PurposeValues = asEnum(PURPOSES);
export const ConsentPurposeValues = asEnum(CONSENT_PURPOSES);
export const ConsentStateValues = asEnum(CONSENT_STATES);
export const ConsentSourceValues = asEnum(CONSENT_SOURCES);
export const CookieCategoryValues = asEnum(COOKIE_CATEGORIES);
export const JurisdictionValues = asEnum(JURISDICTIONS);
export const StaffRoleValues = asEnum(STAFF_ROLES);
export const ProcessorKindValues = asEnum(PROCESSOR_KINDS);
export const LegalBasisValues = asEnum(LEGAL_BASES);
export const TimeOrderValues = asEnum(TIME_ORDERS);

registerEnumType(PurposeValues, { name: "Purpose", description: "What data may be used for." });
registerEnumType(ConsentPurposeValues, {
  name: "ConsentPurpose",
  description: "A purpose that rests on consent: the ones a person can give or withdraw.",
});
registerEnumType(ConsentStateValues, { name: "ConsentState" });
registerEnumType(ConsentSourceValues, { name: "ConsentSource" });
registerEnumType(CookieCategoryValues, { name: "CookieCategory" });
registerEnumType(JurisdictionValues, { name: "Jurisdiction" });
registerEnumType(StaffRoleValues, { name: "StaffRole" });
registerEnumType(ProcessorKindValues, { name: "ProcessorKind" });
registerEnumType(LegalBasisValues, { name: "LegalBasis" });
registerEnumType(TimeOrderValues, {
  name: "TimeOrder",
  description: "The order of a list in time: newest first (the default) or oldest first.",
});
