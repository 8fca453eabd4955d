import { Field, InputType } from "type-graphql";
import { Multiline } from "../../validation/multiline.js";

@InputType({ description: "A question for the company (P-19)." })
export class SubmitSupportRequestInput {
  @Field(() => String, { description: "At most 200 characters." })
  subject!: string;

  @Multiline()
  @Field(() => String, { description: "At most 5,000 characters." })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: "Where to answer: required from visitors; signed-in customers may leave it out.",
  })
  replyTo?: string | null;
}
