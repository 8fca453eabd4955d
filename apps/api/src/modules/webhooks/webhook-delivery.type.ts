import { Field, ID, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { type WebhookDeliveryStatus, WebhookDeliveryStatusValues } from "./webhook-enums.js";

/**
 * One message to one endpoint, as staff see it: its event type, status and attempts, and the
 * last failure in words. Not its body: it holds a person's pseudonym, which is the partner's
 * to read, and staff need no pseudonyms to see whether a delivery worked.
 */
@ObjectType()
export class WebhookDelivery {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  endpointId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description: "The webhook-id header: the same for every attempt and any replay.",
  })
  messageId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "consent.given, subject.erased, agreement.lapsing…" })
  eventType!: string;

  @Classified("NON_PERSONAL")
  @Field(() => WebhookDeliveryStatusValues)
  status!: WebhookDeliveryStatus;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  attempts!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { description: "When it is tried next (while PENDING)." })
  nextAttemptAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    nullable: true,
    description: "The last failure's kind, in words (never the endpoint's answer).",
  })
  lastError!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { nullable: true })
  lastStatusCode!: number | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;
}

export const DELIVERY_COLUMNS = {
  id: true,
  endpointId: true,
  messageId: true,
  eventType: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  lastStatusCode: true,
  lastAttemptAt: true,
  createdAt: true,
  deliveredAt: true,
} as const;

export function toWebhookDelivery(row: Omit<WebhookDelivery, never>): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), row);
}
