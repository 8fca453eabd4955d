import { Field, InputType } from "type-graphql";
import { Multiline } from "../../validation/multiline.js";

@InputType({ description: "A new version of the privacy policy (P-18)." })
export class PublishPolicyVersionInput {
  @Field(() => String, { description: "A unique label, e.g. 2026-07-01 (letters, digits . _ -)." })
  version!: string;

  @Field(() => String, { description: "At most 200 characters." })
  title!: string;

  @Multiline()
  @Field(() => String, { description: "The full text in Markdown: not empty, at most 200 kB." })
  body!: string;

  @Multiline()
  @Field(() => String, {
    nullable: true,
    description: "What changed, in a few sentences (at most 2,000 characters).",
  })
  summary?: string | null;

  @Field(() => Date, {
    description:
      "When the version starts to govern: now or later, never earlier (a date up to five minutes in the past counts as now).",
  })
  effectiveAt!: Date;

  @Field(() => Boolean, { description: "A material change: every customer is sent a notice." })
  material!: boolean;
}
