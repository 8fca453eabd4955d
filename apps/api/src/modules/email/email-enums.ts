import { enums } from "@privet/db/client";
import { registerEnumType } from "type-graphql";

/** Where an outgoing email stands: the database's vocabulary, as GraphQL enums. */
export const OutboxEmailStatusValues = enums.EmailStatus;
export type OutboxEmailStatus = keyof typeof OutboxEmailStatusValues;

export const OutboxEmailKindValues = enums.EmailKind;
export type OutboxEmailKind = keyof typeof OutboxEmailKindValues;

registerEnumType(OutboxEmailStatusValues, {
  name: "OutboxEmailStatus",
  description:
    "PENDING until delivered (or while retries remain); SENT once the SMTP server accepted it; FAILED after the last attempt.",
});
registerEnumType(OutboxEmailKindValues, {
  name: "OutboxEmailKind",
  description: "Why the email is sent.",
});
