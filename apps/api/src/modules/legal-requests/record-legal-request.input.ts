import { Field, ID, InputType } from "type-graphql";
import { Multiline } from "../../validation/multiline.js";
import { type LegalRequestKind, LegalRequestKindValues } from "./legal-request-enums.js";

@InputType()
export class RecordLegalRequestInput {
  @Field(() => LegalRequestKindValues)
  kind!: LegalRequestKind;

  @Field(() => String, { description: "Who issued it (court, agency…)." })
  authority!: string;

  @Field(() => String, {
    description: "The authority's reference (case or docket number), unique per authority.",
  })
  reference!: string;

  @Field(() => Date, { description: "When it was received: not in the future." })
  receivedAt!: Date;

  @Field(() => [ID], { description: "The customers it names (ids): at least one." })
  subjectIds!: string[];

  @Field(() => [String], {
    description:
      "The data categories it names (taxonomy keys a legal disclosure may read): at least one.",
  })
  categories!: string[];

  @Multiline()
  @Field(() => String, { nullable: true, description: "Notes: no one's personal data." })
  notes?: string | null;
}
