/**
 * The customer's access log read as a person reads it: one `Access` per access record — one
 * reader, one declared purpose and reference, one request — with the fields it read of this
 * customer listed inside (the record keeps them as its reads). Who is a staff role or a
 * processor's name, never a staff member's name. Nothing here is personal data: which fields
 * were read, by whom and why, never their values.
 */
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../../pagination/page-info.type.js";
import { Classified } from "../../privacy/personal.js";
import { PurposeValues, StaffRoleValues } from "../../vocabulary/enums.js";
import { AccessorKindValues } from "./access-log-entry.type.js";
import { BreakGlassReasonValues } from "./break-glass-reason.enum.js";

@ObjectType({ simpleResolvers: true })
export class Access {
  @Classified("NON_PERSONAL")
  @Field(() => ID, { description: "The access record's id." })
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => AccessorKindValues)
  accessorKind!: keyof typeof AccessorKindValues;

  @Classified("NON_PERSONAL")
  @Field(() => StaffRoleValues, { nullable: true, description: "For staff: their role." })
  staffRole!: keyof typeof StaffRoleValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, { nullable: true, description: "For a partner: the processor's name." })
  processorName!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => PurposeValues, { nullable: true, description: "The purpose declared." })
  purpose!: keyof typeof PurposeValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, { nullable: true, description: "The reference declared with it." })
  reference!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  occurredAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => [String], {
    description: "The data categories read and shown, each once, in the order first read.",
  })
  categories!: string[];

  @Classified("NON_PERSONAL")
  @Field(() => [String], {
    description: "Data categories asked for but refused (nothing shown), each once.",
  })
  refusedCategories!: string[];

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "How many field reads of this customer the access made." })
  reads!: number;

  @Classified("NON_PERSONAL")
  @Field(() => BreakGlassReasonValues, {
    nullable: true,
    description: "Set when a read was opened by a break-glass grant (P-12): its reason.",
  })
  breakGlassReason!: keyof typeof BreakGlassReasonValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Whether it was a disclosure under a legal request." })
  underLegalRequest!: boolean;
}

/** A page of accesses, newest first; `pageInfo.endCursor` (sealed) asks for the next. */
@ObjectType()
export class AccessConnection {
  @Classified("NON_PERSONAL")
  @Field(() => [Access], {
    description:
      "Newest first. With a filter a page may hold fewer than `first` (each page scans a bounded stretch of the history); follow `hasNextPage`.",
  })
  nodes!: Access[];

  @Classified("NON_PERSONAL")
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

/** Narrows the accesses: every field given must match. */
@InputType()
export class AccessFilter {
  @Field(() => AccessorKindValues, { nullable: true, description: "Staff or partners." })
  who?: keyof typeof AccessorKindValues | null;

  @Field(() => ID, { nullable: true, description: "One partner: its processor's id." })
  processorId?: string | null;

  @Field(() => PurposeValues, { nullable: true })
  purpose?: keyof typeof PurposeValues | null;
}

@ObjectType({ simpleResolvers: true })
export class AccessPartner {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("PUBLIC")
  @Field(() => String)
  name!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Its accesses in the window." })
  reads!: number;
}

/** A partner the log can be narrowed to (every processor in the registry). */
@ObjectType({ simpleResolvers: true })
export class AccessReader {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("PUBLIC")
  @Field(() => String)
  name!: string;
}

/** Accesses that showed something, over the last `days` days. */
@ObjectType({ simpleResolvers: true })
export class AccessSummary {
  @Classified("NON_PERSONAL")
  @Field(() => Int)
  days!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Accesses by Privet staff." })
  staffReads!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Accesses by partners." })
  partnerReads!: number;

  @Classified("NON_PERSONAL")
  @Field(() => [AccessPartner], { description: "The partners among them, by name." })
  partners!: AccessPartner[];

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, {
    description:
      'False when the window held more than 1,000 accesses: the counts are then of the newest 1,000 (say "at least").',
  })
  complete!: boolean;
}
