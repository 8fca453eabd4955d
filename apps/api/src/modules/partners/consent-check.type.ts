import type { ConsentState } from "@privet/domain/consent";
import type { LegalBasis, Purpose } from "@privet/domain/purposes";
import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { ConsentStateValues, LegalBasisValues, PurposeValues } from "../../vocabulary/enums.js";

/**
 * A partner's answer to "may I use this person's data for this purpose?", read from the
 * subject's current consent at the moment of asking (never a cached copy). Consent states are
 * NON_PERSONAL here as everywhere (consent.type.ts); the check itself is audited.
 */
@ObjectType({
  description: "Whether a partner may use a subject's data for a purpose, now.",
  // Plain values on every field (no middleware, role or personal data): graphql-js's own
  // property resolver, not a TypeGraphQL wrapper per field (consent reads run on every page).
  simpleResolvers: true,
})
export class ConsentCheck {
  @Classified("NON_PERSONAL")
  @Field(() => ID, { description: "The subject as the partner named it (its pseudonym)." })
  subject!: string;

  @Classified("PUBLIC")
  @Field(() => PurposeValues)
  purpose!: Purpose;

  @Classified("PUBLIC")
  @Field(() => LegalBasisValues, {
    description: "The purpose's legal basis: only CONSENT depends on the person's choice.",
  })
  basis!: LegalBasis;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Whether the data may be used for the purpose now." })
  permitted!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => ConsentStateValues, {
    nullable: true,
    description:
      "The person's current choice on a consent-based purpose (null: never asked, or the purpose does not rest on consent).",
  })
  state!: ConsentState | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    nullable: true,
    description: "Why not, when not permitted: CONSENT_WITHDRAWN (not given, or withdrawn).",
  })
  reason!: string | null;
}
