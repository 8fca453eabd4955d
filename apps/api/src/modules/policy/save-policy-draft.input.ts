import { Field, ID, InputType } from "type-graphql";
import { Multiline } from "../../validation/multiline.js";

@InputType({
  description:
    "A policy draft to save (P-18): a new one without id, else the draft with that id, replaced whole. Every field may be left empty until publishing.",
})
export class SavePolicyDraftInput {
  @Field(() => ID, { nullable: true, description: "The draft to update; none creates one." })
  id?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The label to publish under (at most 40 characters).",
  })
  version?: string | null;

  @Field(() => String, { nullable: true, description: "At most 200 characters." })
  title?: string | null;

  @Multiline()
  @Field(() => String, { nullable: true, description: "At most 2,000 characters." })
  summary?: string | null;

  @Multiline()
  @Field(() => String, { nullable: true, description: "Markdown, at most 200 kB." })
  body?: string | null;

  @Field(() => Date, { nullable: true })
  effectiveAt?: Date | null;

  @Field(() => Boolean, { defaultValue: false })
  material!: boolean;
}
