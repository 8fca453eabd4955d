import type { ProcessorKind } from "@privet/domain/principals";
import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { ProcessorKindValues } from "../../vocabulary/enums.js";

/** A processor as a picker lists it: enough to recognise it by name. */
@ObjectType()
export class ProcessorSummary {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  name!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ProcessorKindValues)
  kind!: ProcessorKind;
}
