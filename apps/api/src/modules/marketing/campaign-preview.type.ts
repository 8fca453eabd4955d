import { Field, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

@ObjectType({
  description:
    "A campaign before it is sent: how many customers it would reach now and the email as they would read it.",
})
export class CampaignPreview {
  @Classified("NON_PERSONAL")
  @Field(() => Int, {
    description: "Customers whose marketing consent is given now: the number sendCampaign queues.",
  })
  recipients!: number;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  subject!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description:
      "The text as it arrives, with the unsubscribe footer (its link here leads nowhere: each real email gets its own).",
  })
  textBody!: string;
}

@ObjectType({ description: "A campaign's test email, queued to the sender's own address only." })
export class CampaignTestEmail {
  @Classified("NON_PERSONAL")
  @Field(() => Boolean)
  queued!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The test email's subject, marked as a test." })
  subject!: string;
}
