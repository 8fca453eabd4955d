import { Field, InputType, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { StaffRoleValues } from "../../vocabulary/enums.js";
import { Customer } from "./customer.type.js";

@InputType()
export class RegisterInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String, {
    description: "ISO 3166-1 alpha-2, e.g. US, DE: one of the 249 assigned codes.",
  })
  country!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "State or province code. Required for the US: one of the 50 states or DC, e.g. CA. Elsewhere optional.",
  })
  region?: string | null;
}

@ObjectType()
export class AuthPayload {
  @Classified("NON_PERSONAL")
  @Field(() => Customer)
  customer!: Customer;

  @Classified("PUBLIC")
  @Field(() => String, {
    nullable: true,
    description:
      "For customers outside the US: the notice that the policy applies under California law (P-16).",
  })
  jurisdictionNotice!: string | null;

  @Classified("PUBLIC")
  @Field(() => String, { nullable: true, description: "The policy version accepted." })
  policyVersion!: string | null;

  @Classified("PUBLIC")
  @Field(() => Date, { nullable: true })
  policyEffectiveAt!: Date | null;
}

@ObjectType()
export class StaffMember {
  @Classified("NON_PERSONAL")
  @Field(() => String)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "Staff names are not customer data." })
  name!: string;

  @Classified("NON_PERSONAL")
  @Field(() => StaffRoleValues)
  role!: keyof typeof StaffRoleValues;
}

@ObjectType({ description: "Who is asking." })
export class Viewer {
  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "anonymous, customer, staff or partner." })
  kind!: string;

  @Classified("NON_PERSONAL")
  @Field(() => StaffRoleValues, { nullable: true })
  role!: keyof typeof StaffRoleValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, { nullable: true, description: "The partner's processor id." })
  processorId!: string | null;
}

export const OUTSIDE_US_NOTICE =
  "You live outside the United States. By using the service you agree that your data is " +
  "collected, processed and transferred under this privacy policy solely under the laws of " +
  "California, where the service is provided. Other privacy requirements may apply where you live.";
