import { Field, ID, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { type BreachAction, BreachActionValues } from "./breach-actions.js";
import { type BreachStatus, BreachStatusValues } from "./breach-enums.js";

/**
 * A recorded security incident (P-17) with what follows from it: how many customers it
 * affected, how many of them live in California, whether the Attorney General must be sent a
 * sample notice, and the deadlines. Counts, dates and the officer's own words: no one's
 * personal data (the notices, with their recipients, are on `notices`).
 */
@ObjectType()
export class BreachIncident {
  /** Approved notices to customers erased since (no address): read by closing, not a field. */
  unreachableNotices!: number;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  title!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "What happened, as recorded (shown in every notice)." })
  description!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  discoveredAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { description: "When the exposure began (inclusive)." })
  windowStart!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { description: "When the exposure ended (exclusive)." })
  windowEnd!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => [String], { description: "The data categories exposed (taxonomy keys)." })
  categories!: string[];

  @Classified("NON_PERSONAL")
  @Field(() => BreachStatusValues)
  status!: BreachStatus;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Int, {
    description: "Customers whose data in these categories was held during the window.",
  })
  affectedCustomers!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int, {
    description: "Affected customers resident in California (country US, region CA).",
  })
  californiaResidents!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, {
    description:
      "More than 500 California residents affected: a sample notice goes to the California Attorney General (Cal. Civ. Code § 1798.82(f)).",
  })
  attorneyGeneralNoticeRequired!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { description: "Notices to affected people are due by this day (UTC)." })
  individualNoticeDue!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, {
    nullable: true,
    description:
      "When the Attorney General notice is required: due with the individual notices (null when not required).",
  })
  attorneyGeneralNoticeDue!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Int, {
    description: "Calendar days until individualNoticeDue; negative when overdue.",
  })
  daysLeft!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  draftNotices!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  approvedNotices!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Notices queued in the outbox." })
  sentNotices!: number;

  @Classified("NON_PERSONAL")
  @Field(() => [BreachActionValues], {
    description: "What an officer can do with it now (breach-actions.ts): the console's buttons.",
  })
  actions!: BreachAction[];
}
