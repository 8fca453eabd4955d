import { Field, ID, ObjectType } from "type-graphql";
import { Classified, Personal } from "../../privacy/personal.js";

/**
 * A staff answer to a support request (P-19). Its text answers one person and may repeat what
 * they wrote, so it is theirs: `user.content.message` with the request's subject, read by staff
 * under the same gate as the question and freely by the customer who asked.
 */
@ObjectType()
export class SupportReply {
  /** The request's subject: the customer, or for a visitor the request itself. */
  subjectId!: string;
  staffUserId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Personal("user.content.message")
  @Field(() => String, { nullable: true, description: "Null when redacted." })
  body!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;
}

export function toSupportReply(
  row: { id: string; body: string; createdAt: Date; staffUserId: string },
  subjectId: string,
): SupportReply {
  return Object.assign(new SupportReply(), { ...row, subjectId });
}
