import { Field, ID, ObjectType } from "type-graphql";
import { Classified, Personal } from "../../privacy/personal.js";
import { type BreachNoticeStatus, BreachNoticeStatusValues } from "./breach-enums.js";
import { NOTICE_SECTIONS, type NoticeSections, renderNotice } from "./breach-notice-text.js";

/**
 * One affected customer's notice (P-17), for staff to review. Whose it is: the customer
 * (subjectId). The recipient's name, address and California residence are theirs and pass the
 * privacy gate like every staff read (BREACH_RESPONSE may read them; each read is audited).
 * The notice text names no one and quotes none of their data: it says which kinds of their
 * data were involved, so it is classified non-personal.
 */
@ObjectType()
export class BreachNotice {
  subjectId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  incidentId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  customerId!: string;

  @Personal("user.name")
  @Field(() => String, { nullable: true, description: "Null when redacted." })
  recipientName!: string;

  @Personal("user.contact.email")
  @Field(() => String, { nullable: true, description: "Null when redacted." })
  recipientEmail!: string;

  @Personal("user.contact.country")
  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the recipient is a California resident. Null when redacted.",
  })
  californiaResident!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  whatHappened!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  whatInformationWasInvolved!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  whatWeAreDoing!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  whatYouCanDo!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  forMoreInformation!: string;

  @Classified("NON_PERSONAL")
  @Field(() => [String], { description: "The five headings of the California form, in order." })
  headings!: string[];

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The whole notice as the email carries it." })
  text!: string;

  @Classified("NON_PERSONAL")
  @Field(() => BreachNoticeStatusValues)
  status!: BreachNoticeStatus;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  dueAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { nullable: true, description: "The outbox email, once queued." })
  emailId!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    nullable: true,
    description: "The outbox email's status (PENDING, SENT, FAILED), once queued.",
  })
  emailStatus!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;
}

export interface BreachNoticeRow extends NoticeSections {
  readonly id: string;
  readonly incidentId: string;
  readonly customerId: string;
  readonly status: BreachNoticeStatus;
  readonly dueAt: Date;
  readonly emailId: string | null;
  readonly createdAt: Date;
  readonly customer: { name: string; email: string; country: string; region: string | null };
  readonly email: { status: string } | null;
}

export function toBreachNotice(row: BreachNoticeRow): BreachNotice {
  return Object.assign(new BreachNotice(), {
    subjectId: row.customerId,
    id: row.id,
    incidentId: row.incidentId,
    customerId: row.customerId,
    recipientName: row.customer.name,
    recipientEmail: row.customer.email,
    californiaResident: row.customer.country === "US" && row.customer.region === "CA",
    whatHappened: row.whatHappened,
    whatInformationWasInvolved: row.whatInfo,
    whatWeAreDoing: row.whatWeAreDoing,
    whatYouCanDo: row.whatYouCanDo,
    forMoreInformation: row.moreInfo,
    headings: NOTICE_SECTIONS.map((section) => section.heading),
    text: renderNotice(row),
    status: row.status,
    dueAt: row.dueAt,
    emailId: row.emailId,
    emailStatus: row.email?.status ?? null,
    createdAt: row.createdAt,
  });
}
