import type { ConsentPurpose, CookieCategory } from "@privet/domain/consent";
import { Field, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import {
  ConsentPurposeValues,
  ConsentSourceValues,
  ConsentStateValues,
  CookieCategoryValues,
} from "../../vocabulary/enums.js";

/** One category of the consent centre (P-13) and the visitor's or customer's choice on it. */
@ObjectType({
  description: "A cookie category of the consent centre and the current choice.",
  // Plain values on every field (no middleware, role or personal data): graphql-js's own
  // property resolver, not a TypeGraphQL wrapper per field (consent reads run on every page).
  simpleResolvers: true,
})
export class CookieConsent {
  @Classified("PUBLIC")
  @Field(() => CookieCategoryValues)
  category!: CookieCategory;

  @Classified("PUBLIC")
  @Field(() => ConsentPurposeValues, {
    nullable: true,
    description: "The consent purpose the category stands for; null for necessary cookies.",
  })
  purpose!: ConsentPurpose | null;

  @Classified("NON_PERSONAL")
  @Field(() => ConsentStateValues, {
    nullable: true,
    description: "null: no choice made yet (the category stays off). Necessary cookies: GIVEN.",
  })
  state!: keyof typeof ConsentStateValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Whether cookies of this category may be set now." })
  enabled!: boolean;

  @Classified("PUBLIC")
  @Field(() => Boolean, { description: "Necessary cookies are always on and cannot be rejected." })
  required!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => ConsentSourceValues, { nullable: true })
  source!: keyof typeof ConsentSourceValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, {
    description:
      "The browser sends Global Privacy Control, so this category stays off whatever is chosen (P-15).",
  })
  lockedByGpc!: boolean;

  @Classified("PUBLIC")
  @Field(() => String, { description: "What the category is for, in plain words." })
  description!: string;
}
