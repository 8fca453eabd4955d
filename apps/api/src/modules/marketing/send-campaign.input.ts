import { Field, InputType } from "type-graphql";
import { Multiline } from "../../validation/multiline.js";

@InputType({ description: "A marketing campaign, sent at once to every consenting customer." })
export class SendCampaignInput {
  @Field(() => String, {
    nullable: true,
    description: "An internal name (at most 200 characters); the subject by default.",
  })
  name?: string | null;

  @Field(() => String, { description: "The email's subject: one line, at most 200 characters." })
  subject!: string;

  @Multiline()
  @Field(() => String, { description: "The plain text: not empty, at most 20,000 characters." })
  text!: string;
}
