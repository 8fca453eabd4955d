import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { PurposeValues, StaffRoleValues } from "../../vocabulary/enums.js";

export const StaffActionOutcomeValues = {
  ATTEMPTED: "ATTEMPTED",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
} as const;
export type StaffActionOutcome = keyof typeof StaffActionOutcomeValues;
registerEnumType(StaffActionOutcomeValues, {
  name: "StaffActionOutcome",
  description:
    "ATTEMPTED is written before the action runs (no record, no action); SUCCEEDED or FAILED after, under the same request id.",
});

/**
 * One entry of the staff action log: who did what, under which purpose, with which ids and
 * settings, and how it ended. No free text is kept, so nothing here is personal.
 */
@ObjectType()
export class StaffActionEntry {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "Pairs an ATTEMPTED entry with its result." })
  requestId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  staffUserId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    nullable: true,
    description:
      "The staff member's name, to show instead of the id (staff names are not customer data).",
  })
  staffName!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => StaffRoleValues)
  staffRole!: keyof typeof StaffRoleValues;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The mutation, e.g. verifyPrivacyRequest." })
  action!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description:
      "Its arguments as JSON text: ids, enum values, numbers, booleans and dates; free text is never kept.",
  })
  arguments!: string;

  @Classified("NON_PERSONAL")
  @Field(() => PurposeValues, { nullable: true })
  purpose!: keyof typeof PurposeValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, { nullable: true })
  reference!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => StaffActionOutcomeValues)
  outcome!: StaffActionOutcome;

  @Classified("NON_PERSONAL")
  @Field(() => String, { nullable: true, description: "For FAILED: the error code returned." })
  errorCode!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  occurredAt!: Date;
}
