import { CONSENT_PURPOSES, type ConsentPurpose, permitsProcessing } from "@privet/domain/consent";
import { PURPOSE_DEFINITIONS } from "@privet/domain/purposes";
import { Field, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import {
  ConsentPurposeValues,
  ConsentSourceValues,
  ConsentStateValues,
  LegalBasisValues,
} from "../../vocabulary/enums.js";
import type { CurrentConsents } from "./consent-subject.js";

/**
 * One consent purpose and where the person stands on it. Every field is NON_PERSONAL or
 * PUBLIC: a consent state is a fact about how we may process someone's data, not one of the
 * taxonomy's categories of data about them (no contact, device, payment or behaviour data),
 * and staff and partners need it to honour the choice. The ledger behind it holds the IP
 * only as a keyed hash.
 */
@ObjectType({
  description: "A consent purpose and the person's current choice on it.",
  // Plain values on every field (no middleware, role or personal data): graphql-js's own
  // property resolver, not a TypeGraphQL wrapper per field (consent reads run on every page).
  simpleResolvers: true,
})
export class Consent {
  @Classified("PUBLIC")
  @Field(() => ConsentPurposeValues)
  purpose!: ConsentPurpose;

  @Classified("NON_PERSONAL")
  @Field(() => ConsentStateValues, {
    nullable: true,
    description: "null: never asked. Only GIVEN permits processing; silence is not consent.",
  })
  state!: keyof typeof ConsentStateValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, {
    description: "Whether the purpose may be carried out now (state GIVEN).",
  })
  permitted!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => ConsentSourceValues, { nullable: true, description: "Where the choice was made." })
  source!: keyof typeof ConsentSourceValues | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true, description: "When the choice was made." })
  updatedAt!: Date | null;

  @Classified("PUBLIC")
  @Field(() => String, {
    nullable: true,
    description: "The policy version in force when the choice was made (P-18).",
  })
  policyVersion!: string | null;

  @Classified("PUBLIC")
  @Field(() => String, { description: "The purpose in plain words." })
  description!: string;

  @Classified("PUBLIC")
  @Field(() => LegalBasisValues)
  legalBasis!: keyof typeof LegalBasisValues;
}

export function toConsent(purpose: ConsentPurpose, current: CurrentConsents): Consent {
  const row = current.get(purpose);
  const definition = PURPOSE_DEFINITIONS[purpose];
  return Object.assign(new Consent(), {
    purpose,
    state: row?.state ?? null,
    permitted: permitsProcessing(row?.state),
    source: row?.source ?? null,
    updatedAt: row?.updatedAt ?? null,
    policyVersion: row?.policyVersion ?? null,
    description: definition.description,
    legalBasis: definition.basis,
  });
}

/** Every consent purpose, in the vocabulary's order, whether or not the person was asked. */
export function toConsents(current: CurrentConsents): Consent[] {
  return CONSENT_PURPOSES.map((purpose) => toConsent(purpose, current));
}
