import { Field, ID, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

/**
 * Kinds of data and how many rows of each: what the data model holds, not what it says about
 * the person (no values), so NON_PERSONAL, like the erasure's recorded outcome.
 */
@ObjectType({ description: "Data of one kind an erasure removes, and how many records." })
export class ErasurePreviewItem {
  @Classified("NON_PERSONAL")
  @Field(() => String, { description: 'The data in words (e.g. "Payment cards").' })
  what!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "Data of one kind an erasure keeps, and why." })
export class ErasurePreviewKept {
  @Classified("NON_PERSONAL")
  @Field(() => String)
  what!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  count!: number;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description: "LEGAL_HOLD, OPEN_LEGAL_REQUEST or BREACH_NOTIFICATION_RECORD.",
  })
  reason!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "Why it is kept, in words." })
  why!: string;
}

@ObjectType({
  description:
    "What fulfilling a deletion request would do now: computed by running the erasure and rolling it back, so it is exactly what Fulfil would do at this moment.",
})
export class ErasurePreview {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  requestId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => [ErasurePreviewItem])
  erased!: ErasurePreviewItem[];

  @Classified("NON_PERSONAL")
  @Field(() => [ErasurePreviewKept])
  kept!: ErasurePreviewKept[];

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Sessions that would be ended (sign-in ends for good)." })
  sessionsRevoked!: number;

  @Classified("NON_PERSONAL")
  @Field(() => [String], {
    description: "Purposes whose consent is given now and would be withdrawn by new ledger events.",
  })
  consentsWithdrawn!: string[];

  @Classified("NON_PERSONAL")
  @Field(() => [String], { description: "What erasure never touches, and why." })
  untouched!: string[];
}
