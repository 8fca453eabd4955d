import { enums } from "@privet/db/client";
import { registerEnumType } from "type-graphql";

/** Where a webhook delivery stands: the database's vocabulary, as a GraphQL enum. */
export const WebhookDeliveryStatusValues = enums.WebhookDeliveryStatus;
export type WebhookDeliveryStatus = keyof typeof WebhookDeliveryStatusValues;

registerEnumType(WebhookDeliveryStatusValues, {
  name: "WebhookDeliveryStatus",
  description:
    "PENDING until the endpoint answers 2xx (or while retries remain); DELIVERED once it did; FAILED after the last attempt (an administrator may replay it).",
});
