import { Field, ID, ObjectType } from "type-graphql";
import { Classified, Personal } from "../../privacy/personal.js";

/**
 * A record a customer holds about other individuals (P-12). Its customer reads it freely; no
 * staff role reads its label or content without an active break-glass grant.
 */
@ObjectType()
export class HeldRecord {
  /** The customer who holds the record: whose data this is for enforcement. */
  subjectId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Personal("user.held.other_individuals")
  @Field(() => String, { nullable: true })
  label!: string | null;

  @Personal("user.held.other_individuals")
  @Field(() => String, { nullable: true })
  content!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;
}
