import { Field, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { Campaign } from "./campaign.type.js";

@ObjectType()
export class SendCampaignPayload {
  @Classified("NON_PERSONAL")
  @Field(() => Campaign)
  campaign!: Campaign;

  @Classified("NON_PERSONAL")
  @Field(() => Int, {
    description: "Emails queued in the outbox (delivered by SMTP when one is configured).",
  })
  emailsQueued!: number;
}
