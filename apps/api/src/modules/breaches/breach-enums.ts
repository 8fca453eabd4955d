import { enums } from "@privet/db/client";
import { registerEnumType } from "type-graphql";

/** Where an incident stands: the database's vocabulary, as a GraphQL enum. */
export const BreachStatusValues = enums.BreachStatus;
export type BreachStatus = keyof typeof BreachStatusValues;

registerEnumType(BreachStatusValues, {
  name: "BreachStatus",
  description: "OPEN when recorded; NOTIFYING once notices are queued for sending; CLOSED.",
});

/** Where one affected customer's notice stands. */
export const BreachNoticeStatusValues = enums.NoticeStatus;
export type BreachNoticeStatus = keyof typeof BreachNoticeStatusValues;

registerEnumType(BreachNoticeStatusValues, {
  name: "BreachNoticeStatus",
  description:
    "DRAFT as Privet wrote it; APPROVED by staff for sending; SENT once queued in the outbox (the email's own status says whether it was delivered).",
});
