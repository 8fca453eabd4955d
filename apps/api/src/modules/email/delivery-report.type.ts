import { Field, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

@ObjectType({ description: "What one delivery run of the outbox did." })
export class DeliveryReport {
  @Classified("NON_PERSONAL")
  @Field(() => Boolean, {
    description:
      "False when no SMTP_URL is set: nothing was sent and the mail stays in the outbox.",
  })
  configured!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  attempted!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  sent!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Failed this time; still PENDING for a later attempt." })
  retrying!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Failed for the last time: now FAILED." })
  failed!: number;
}
