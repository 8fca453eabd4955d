import { Field, Float, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { ConsentPurposeValues, PurposeValues } from "../../vocabulary/enums.js";
import { BreachClock, RecentBreakGlassGrant, RequestsDue } from "./overview-sections.type.js";

/** The share of customers whose consent to one purpose was GIVEN at the end of a month. */
@ObjectType()
export class ConsentRatePoint {
  @Classified("NON_PERSONAL")
  @Field(() => Date, { description: "The moment measured: the end of the month (or now)." })
  at!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => ConsentPurposeValues)
  purpose!: keyof typeof ConsentPurposeValues;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  given!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Customers then (registered, not erased)." })
  customers!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Float, { description: "given / customers, 0 to 1." })
  rate!: number;
}

/** Open privacy requests falling due in one week (overdue ones in the week they fell due). */
@ObjectType()
export class RequestsDueBucket {
  @Classified("NON_PERSONAL")
  @Field(() => Date, { description: "Monday of the week, UTC." })
  weekOf!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  open!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  overdue!: number;
}

/** Reads of personal data by staff and partners under one purpose, in the period. */
@ObjectType()
export class AccessesByPurpose {
  @Classified("NON_PERSONAL")
  @Field(() => PurposeValues, { nullable: true })
  purpose!: keyof typeof PurposeValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  allowed!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int)
  denied!: number;
}

@ObjectType()
export class PrivacyOverview {
  @Classified("NON_PERSONAL")
  @Field(() => [ConsentRatePoint], { description: "Month by month, the last 12 months." })
  consentRates!: ConsentRatePoint[];

  @Classified("NON_PERSONAL")
  @Field(() => [RequestsDueBucket])
  openRequestsByDueWeek!: RequestsDueBucket[];

  @Classified("NON_PERSONAL")
  @Field(() => [AccessesByPurpose], { description: "The last 30 days." })
  accessesByPurpose!: AccessesByPurpose[];

  @Classified("NON_PERSONAL")
  @Field(() => RequestsDue, {
    nullable: true,
    description: "Requests due this week and overdue; null for a role that may not see the queue.",
  })
  requestsDue!: RequestsDue | null;

  @Classified("NON_PERSONAL")
  @Field(() => [BreachClock], {
    nullable: true,
    description: "Open breaches, oldest first; null for a role that may not see breaches.",
  })
  openBreaches!: BreachClock[] | null;

  @Classified("NON_PERSONAL")
  @Field(() => [RecentBreakGlassGrant], {
    nullable: true,
    description:
      "Break-glass grants started in the last 30 days, newest first (at most 10); null for a role that may not list grants.",
  })
  recentBreakGlassGrants!: RecentBreakGlassGrant[] | null;
}
