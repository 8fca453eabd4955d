import { Field, ID, InputType } from "type-graphql";
import { PurposeValues } from "../../vocabulary/enums.js";
import { AccessorKindValues } from "../staff/public.js";
import { AccessOutcomeValues } from "./audit-event.type.js";

/** Narrows the audit trail; every field given must match (AND). */
@InputType()
export class AuditEventFilter {
  @Field(() => AccessorKindValues, { nullable: true })
  principalKind?: keyof typeof AccessorKindValues | null;

  @Field(() => ID, { nullable: true, description: "A staff member's or processor's id." })
  principalId?: string | null;

  @Field(() => ID, { nullable: true, description: "Whose data was read (a customer's id)." })
  subjectId?: string | null;

  @Field(() => String, { nullable: true, description: "A data category (taxonomy key)." })
  category?: string | null;

  @Field(() => PurposeValues, { nullable: true })
  purpose?: keyof typeof PurposeValues | null;

  @Field(() => AccessOutcomeValues, { nullable: true })
  outcome?: keyof typeof AccessOutcomeValues | null;

  @Field(() => Date, { nullable: true, description: "From this instant (inclusive)." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Until this instant (exclusive)." })
  to?: Date | null;
}
