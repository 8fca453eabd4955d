import { Field, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { ConsentSourceValues, ConsentStateValues } from "../../vocabulary/enums.js";

/** What the API made of this request's privacy signals, so the portal can say so (P-15). */
@ObjectType({
  description: "This request's Global Privacy Control and Do Not Track signals.",
  // Plain values on every field (no middleware, role or personal data): graphql-js's own
  // property resolver, not a TypeGraphQL wrapper per field (consent reads run on every page).
  simpleResolvers: true,
})
export class PrivacySignals {
  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "The request carried Sec-GPC: 1." })
  gpc!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, {
    description:
      "GPC was sent with this request and advertising is off for you (withdrawn with source GPC wherever we hold a record of you).",
  })
  gpcHonoured!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "The request carried DNT: 1." })
  dnt!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, {
    description:
      "DNT was sent and is recorded on your visitor cookie's record. As the policy says, it is recorded, not acted on.",
  })
  dntRecorded!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => ConsentStateValues, {
    nullable: true,
    description: "Your advertising (REMARKETING) consent now; null: never asked.",
  })
  advertisingConsent!: keyof typeof ConsentStateValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => ConsentSourceValues, { nullable: true })
  advertisingConsentSource!: keyof typeof ConsentSourceValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description:
      "Your choices as an IAB Global Privacy Platform string, US national section (usnat): the sale, sharing and targeted-advertising opt-outs from your advertising consent, and this request's GPC signal. For the banner to hand to advertising tags.",
  })
  gpp!: string;
}
