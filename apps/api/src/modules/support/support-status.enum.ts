import { enums } from "@privet/db/client";
import { registerEnumType } from "type-graphql";

/** Where a support request stands: the database's vocabulary, as a GraphQL enum. */
export const SupportStatusValues = enums.SupportStatus;
export type SupportStatus = keyof typeof SupportStatusValues;

registerEnumType(SupportStatusValues, {
  name: "SupportStatus",
  description: "OPEN until staff answer; ANSWERED; CLOSED.",
});
