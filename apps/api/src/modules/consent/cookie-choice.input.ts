import type { CookieCategory } from "@privet/domain/consent";
import { Field, InputType } from "type-graphql";
import { CookieCategoryValues } from "../../vocabulary/enums.js";

/** One choice from the banner: accept all, reject all, or category by category. */
@InputType()
export class CookieChoiceInput {
  @Field(() => CookieCategoryValues)
  category!: CookieCategory;

  @Field(() => Boolean, { description: "true accepts the category, false rejects it." })
  enabled!: boolean;
}
