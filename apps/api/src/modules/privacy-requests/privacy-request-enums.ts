import { enums } from "@privet/db/client";
import { registerEnumType } from "type-graphql";

/** What a customer can ask of us: the database's vocabulary, as GraphQL enums. */
export const PrivacyRequestKindValues = enums.PrivacyRequestKind;
export type PrivacyRequestKind = keyof typeof PrivacyRequestKindValues;

export const PrivacyRequestStatusValues = enums.PrivacyRequestStatus;
export type PrivacyRequestStatus = keyof typeof PrivacyRequestStatusValues;

registerEnumType(PrivacyRequestKindValues, {
  name: "PrivacyRequestKind",
  description:
    "ACCESS: a copy of your data; DELETION: erase it; CORRECTION: fix it; STOP_SHARING: opt out of sharing it (advertising).",
});
registerEnumType(PrivacyRequestStatusValues, {
  name: "PrivacyRequestStatus",
  description: "RECEIVED → VERIFIED → IN_PROGRESS → FULFILLED, or REJECTED (with reasons).",
});
