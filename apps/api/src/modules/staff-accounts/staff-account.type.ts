import type { StaffRole } from "@privet/domain/principals";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { StaffRoleValues } from "../../vocabulary/enums.js";

export const StaffAccountStatusValues = {
  INVITED: "INVITED",
  ACTIVE: "ACTIVE",
  DISABLED: "DISABLED",
} as const;
export type StaffAccountStatus = keyof typeof StaffAccountStatusValues;
registerEnumType(StaffAccountStatusValues, {
  name: "StaffAccountStatus",
  description:
    "INVITED: has not chosen a password yet; ACTIVE: may sign in; DISABLED: may not, and has no session.",
});

/**
 * A staff member's account as administrators see it. Staff names and work addresses are the
 * company's own staff records, not customer data (as on StaffMember); no secret is ever here.
 */
@ObjectType()
export class StaffAccount {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  name!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The member's work address." })
  email!: string;

  @Classified("NON_PERSONAL")
  @Field(() => StaffRoleValues)
  role!: StaffRole;

  @Classified("NON_PERSONAL")
  @Field(() => StaffAccountStatusValues)
  status!: StaffAccountStatus;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Whether an authenticator app is set up." })
  secondFactor!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Whether the role needs one to sign in." })
  secondFactorRequired!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  disabledAt!: Date | null;
}

@InputType()
export class InviteStaffMemberInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => StaffRoleValues)
  role!: StaffRole;
}

@ObjectType({ description: "A password chosen through an emailed link." })
export class StaffPasswordSet {
  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The account's address, to sign in with." })
  email!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, {
    description: "Whether signing in will also ask for (or set up) an authenticator app.",
  })
  secondFactorRequired!: boolean;
}
