import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

/** A staff member who works the support queue, named so others can assign requests to them. */
@ObjectType({ simpleResolvers: true })
export class SupportStaffMember {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "Staff names are not customer data." })
  name!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: 'True for the staff member asking ("assign to me").' })
  you!: boolean;
}

export function toSupportStaffMember(
  row: { id: string; name: string },
  viewerStaffId: string | null,
): SupportStaffMember {
  return Object.assign(new SupportStaffMember(), { ...row, you: row.id === viewerStaffId });
}
