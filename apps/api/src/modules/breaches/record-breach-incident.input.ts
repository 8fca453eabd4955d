import { Field, InputType } from "type-graphql";
import { Multiline } from "../../validation/multiline.js";

@InputType()
export class RecordBreachIncidentInput {
  @Field(() => String, { description: "A short name; it appears in every notice." })
  title!: string;

  @Multiline()
  @Field(() => String, {
    description:
      "What happened, in words every affected person will read (it appears in every notice): no one's personal data.",
  })
  description!: string;

  @Field(() => Date, { description: "When the incident was discovered: not in the future." })
  discoveredAt!: Date;

  @Field(() => [String], { description: "The data categories exposed (taxonomy keys)." })
  categories!: string[];

  @Field(() => Date, { description: "When the exposure began (inclusive)." })
  windowStart!: Date;

  @Field(() => Date, {
    description:
      "When the exposure ended (exclusive), after windowStart and not in the future; for an exposure still going on, now.",
  })
  windowEnd!: Date;
}
