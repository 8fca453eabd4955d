import { Field, InputType } from "type-graphql";
import { Multiline } from "../../validation/multiline.js";
import { type PrivacyRequestKind, PrivacyRequestKindValues } from "./privacy-request-enums.js";

/** The longest `details` accepted: room for a precise request, not for attachments. */
export const MAX_DETAILS = 2000;

@InputType({ description: "A privacy request from the signed-in customer." })
export class SubmitPrivacyRequestInput {
  @Field(() => PrivacyRequestKindValues)
  kind!: PrivacyRequestKind;

  @Multiline()
  @Field(() => String, {
    nullable: true,
    description: `Optional: what to correct, what to delete… At most ${MAX_DETAILS.toLocaleString("en")} characters; never a card number.`,
  })
  details?: string | null;
}
