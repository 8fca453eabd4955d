import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

/** A processor's webhook endpoint as staff see it: never its secret. */
@ObjectType()
export class WebhookEndpoint {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  processorId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "Where deliveries are POSTed (http or https)." })
  url!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  description!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, {
    nullable: true,
    description: "Set once disabled: nothing more is queued or sent to it.",
  })
  disabledAt!: Date | null;
}

@ObjectType()
export class RegisteredWebhookEndpoint {
  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description:
      "The signing secret (whsec_ and base64 of 32 bytes), shown this once: give it to the processor; it is never shown again.",
  })
  secret!: string;

  @Classified("NON_PERSONAL")
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;
}

export function toWebhookEndpoint(row: {
  id: string;
  processorId: string;
  url: string;
  description: string;
  createdAt: Date;
  disabledAt: Date | null;
}): WebhookEndpoint {
  return Object.assign(new WebhookEndpoint(), {
    id: row.id,
    processorId: row.processorId,
    url: row.url,
    description: row.description,
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  });
}
