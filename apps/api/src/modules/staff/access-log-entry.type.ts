import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { PurposeValues, StaffRoleValues } from "../../vocabulary/enums.js";
import { BreakGlassReasonValues } from "./break-glass-reason.enum.js";

export const AccessorKindValues = { STAFF: "STAFF", PARTNER: "PARTNER" } as const;
registerEnumType(AccessorKindValues, {
  name: "AccessorKind",
  description: "Who read a customer's data: a staff member (shown by role) or a partner.",
});

/**
 * One allowed read of a customer's personal field by someone other than the customer, as the
 * customer sees it in their access log. Who is shown by kind and staff role or processor name,
 * never by a staff member's name or email. An access event holds no personal data (the field
 * path and category say which field was read, not its value), hence NON_PERSONAL throughout.
 */
@ObjectType()
export class AccessLogEntry {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => AccessorKindValues)
  accessorKind!: keyof typeof AccessorKindValues;

  @Classified("NON_PERSONAL")
  @Field(() => StaffRoleValues, { nullable: true, description: "For a staff read: their role." })
  staffRole!: keyof typeof StaffRoleValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, { nullable: true, description: "For a partner read: the processor." })
  processorName!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => PurposeValues, { nullable: true, description: "The purpose declared." })
  purpose!: keyof typeof PurposeValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    nullable: true,
    description: "The ticket, incident or legal reference declared with the purpose.",
  })
  reference!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The data category read, e.g. user.contact.email." })
  category!: string;

  @Classified("PUBLIC")
  @Field(() => String, { description: "The category in words." })
  categoryLabel!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "Where in the response the field was, e.g. customer.email." })
  fieldPath!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  occurredAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => BreakGlassReasonValues, {
    nullable: true,
    description: "Set when the read was opened by a break-glass grant (P-12): its reason.",
  })
  breakGlassReason!: keyof typeof BreakGlassReasonValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Whether the read was a disclosure under a legal request." })
  underLegalRequest!: boolean;
}
