import { Field, ID, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

/** A marketing campaign: staff-written text, the same for every recipient; no personal data. */
@ObjectType()
export class Campaign {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  name!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  subject!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The text, before the unsubscribe footer is added." })
  text!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Emails queued: customers whose marketing consent was given." })
  recipients!: number;
}

export function toCampaign(
  row: {
    id: string;
    name: string;
    subject: string;
    body: string;
    createdAt: Date;
    sentAt: Date | null;
  },
  recipients: number,
): Campaign {
  return Object.assign(new Campaign(), {
    id: row.id,
    name: row.name,
    subject: row.subject,
    text: row.body,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    recipients,
  });
}
