import { enums } from "@privet/db/client";
import { registerEnumType } from "type-graphql";

/** What kind of legal demand a request is (P-11): the database's vocabulary, as a GraphQL enum. */
export const LegalRequestKindValues = enums.LegalRequestKind;
export type LegalRequestKind = keyof typeof LegalRequestKindValues;

registerEnumType(LegalRequestKindValues, {
  name: "LegalRequestKind",
  description: "A government request, a court order, or other legal process (P-11).",
});

/** Where a legal request stands. */
export const LegalRequestStatusValues = enums.LegalRequestStatus;
export type LegalRequestStatus = keyof typeof LegalRequestStatusValues;

registerEnumType(LegalRequestStatusValues, {
  name: "LegalRequestStatus",
  description:
    "OPEN when recorded; DISCLOSED once a disclosure was produced; CLOSED: it no longer opens any read.",
});
