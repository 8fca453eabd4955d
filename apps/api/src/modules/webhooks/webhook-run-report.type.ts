import { Field, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

@ObjectType({ description: "What one run of the webhook outbox did." })
export class WebhookRunReport {
  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Deliveries queued from new events." })
  queued!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  attempted!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  delivered!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Failed this time; still PENDING for a later attempt." })
  retrying!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Failed for the last time: now FAILED." })
  failed!: number;
}
