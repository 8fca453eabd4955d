import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { PageInfo } from "../../pagination/page-info.type.js";
import { Classified } from "../../privacy/personal.js";
import { PurposeValues, StaffRoleValues } from "../../vocabulary/enums.js";
import { AccessorKindValues } from "../staff/public.js";

export const AccessOutcomeValues = { ALLOWED: "ALLOWED", DENIED: "DENIED" } as const;
registerEnumType(AccessOutcomeValues, {
  name: "AccessOutcome",
  description: "Whether a field read was allowed or refused (the deny reason says why).",
});

/**
 * One access event of the audit trail: one field read (or refused) for one person, with who
 * read it, why and when. Ids, categories and purposes only, never the value read: NON_PERSONAL.
 */
@ObjectType()
export class AuditEvent {
  @Classified("NON_PERSONAL")
  @Field(() => ID, { description: "<record id>:<position in the record>, stable." })
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { description: "The access record (one per request and reader)." })
  recordId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => AccessorKindValues)
  principalKind!: keyof typeof AccessorKindValues;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { description: "The staff member's or the processor's id." })
  principalId!: string;

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
  @Field(() => ID, { description: "Whose field was read (a customer's id)." })
  subjectId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The data category, e.g. user.contact.email." })
  category!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "Where in the response the field was." })
  fieldPath!: string;

  @Classified("NON_PERSONAL")
  @Field(() => AccessOutcomeValues)
  outcome!: keyof typeof AccessOutcomeValues;

  @Classified("NON_PERSONAL")
  @Field(() => String, { nullable: true, description: "For a refused read: why." })
  denyReason!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, { nullable: true, description: "The GraphQL operation's name." })
  operationName!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  requestId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  occurredAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { nullable: true, description: "The break-glass grant that opened the read." })
  breakGlassId!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { nullable: true, description: "The legal request it was disclosed under." })
  legalRequestId!: string | null;
}

@ObjectType()
export class AuditEventConnection {
  @Classified("NON_PERSONAL")
  @Field(() => [AuditEvent], { description: "Newest first." })
  nodes!: AuditEvent[];

  @Classified("NON_PERSONAL")
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
