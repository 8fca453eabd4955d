import { Field, ID, InputType } from "type-graphql";
import { Multiline } from "../../validation/multiline.js";
import { BreakGlassReasonValues } from "./break-glass-reason.enum.js";

@InputType()
export class GrantBreakGlassInput {
  @Field(() => ID, { description: "The staff member to open the records to (not yourself)." })
  staffUserId!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => BreakGlassReasonValues)
  reason!: keyof typeof BreakGlassReasonValues;

  @Field(() => String, { nullable: true, description: "Required for MALFUNCTION." })
  incidentRef?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Required for LEGAL_REQUEST: an open legal request naming this customer.",
  })
  legalRequestId?: string | null;

  @Multiline()
  @Field(() => String)
  justification!: string;

  @Field(() => Date, { description: "In the future, at most 72 hours ahead." })
  expiresAt!: Date;
}
