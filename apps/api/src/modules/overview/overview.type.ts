import { Field, Float, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { ConsentPurposeValues, PurposeValues } from "../../vocabulary/enums.js";

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
}
