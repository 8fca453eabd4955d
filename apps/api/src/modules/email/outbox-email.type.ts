import { Field, ID, Int, ObjectType } from "type-graphql";
import { Classified, Personal } from "../../privacy/personal.js";
import {
  type OutboxEmailKind,
  OutboxEmailKindValues,
  type OutboxEmailStatus,
  OutboxEmailStatusValues,
} from "./email-enums.js";

/**
 * One outgoing email, as staff see it in the console. The recipient's address is personal
 * (user.contact.email). Subject and text are per-recipient messages: a support reply quotes
 * the customer's question and a breach notice says what of theirs was involved, so both are
 * user.content.message (read under SUPPORT or LEGAL_OBLIGATION; a campaign's shared text is
 * on Campaign). Unsubscribe tokens are masked: they would let the reader withdraw the
 * customer's consent.
 */
@ObjectType()
export class OutboxEmail {
  /** Whose email it is (the enforcement middleware reads it); not a GraphQL field. */
  subjectId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => OutboxEmailKindValues)
  kind!: OutboxEmailKind;

  @Classified("NON_PERSONAL")
  @Field(() => OutboxEmailStatusValues)
  status!: OutboxEmailStatus;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { description: "The customer it is addressed to." })
  customerId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { nullable: true })
  campaignId!: string | null;

  @Personal("user.contact.email")
  @Field(() => String, { nullable: true })
  toAddress!: string;

  @Personal("user.content.message")
  @Field(() => String, { nullable: true })
  subject!: string;

  @Personal("user.content.message")
  @Field(() => String, {
    nullable: true,
    description: "The plain text, with any unsubscribe token masked.",
  })
  textBody!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Delivery attempts so far." })
  attempts!: number;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    nullable: true,
    description: "Why the last attempt failed: an error and SMTP code, never an address.",
  })
  lastError!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;
}

const TOKEN = /([?&]token=)[A-Za-z0-9_-]+/g;

export function maskTokens(text: string): string {
  return text.replace(TOKEN, "$1…");
}

export function toOutboxEmail(row: {
  id: string;
  kind: OutboxEmailKind;
  status: OutboxEmailStatus;
  customerId: string;
  campaignId: string | null;
  toAddress: string;
  subject: string;
  textBody: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}): OutboxEmail {
  return Object.assign(new OutboxEmail(), {
    ...row,
    subjectId: row.customerId,
    textBody: maskTokens(row.textBody),
  });
}
