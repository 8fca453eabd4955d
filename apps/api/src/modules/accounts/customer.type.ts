import { Field, ID, ObjectType } from "type-graphql";
import { Classified, Personal } from "../../privacy/personal.js";
import { JurisdictionValues } from "../../vocabulary/enums.js";

/** A customer: the data subject. Other modules add fields (consents, sessions, cards…). */
@ObjectType({ description: "A customer, as far as the asker may see them." })
export class Customer {
  /** Whose data this object is: read by the privacy enforcement, never printed. */
  subjectId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Personal("user.name")
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Personal("user.contact.email")
  @Field(() => String, { nullable: true })
  email!: string | null;

  @Personal("user.contact.country")
  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2." })
  country!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => JurisdictionValues)
  jurisdiction!: keyof typeof JurisdictionValues;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;
}

export function toCustomer(row: {
  id: string;
  name: string;
  email: string;
  country: string;
  jurisdiction: keyof typeof JurisdictionValues;
  createdAt: Date;
}): Customer {
  return Object.assign(new Customer(), { ...row, subjectId: row.id });
}
