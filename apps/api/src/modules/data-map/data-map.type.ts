import { Field, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { LegalBasisValues, ProcessorKindValues, PurposeValues } from "../../vocabulary/enums.js";

/**
 * The data map (P-07): what the policy collects, why, and which processors receive it. It
 * describes the policy and the company's processor agreements, not any one person, so every
 * field is PUBLIC and the map is readable without signing in.
 */

@ObjectType({ description: "A purpose data is used for, in plain words, with its legal basis." })
export class DataMapPurpose {
  @Classified("PUBLIC")
  @Field(() => PurposeValues)
  purpose!: keyof typeof PurposeValues;

  @Classified("PUBLIC")
  @Field(() => String, { description: "The purpose in plain words." })
  description!: string;

  @Classified("PUBLIC")
  @Field(() => LegalBasisValues, {
    description: "CONSENT: only while you consent; you can withdraw it in the consent centre.",
  })
  legalBasis!: keyof typeof LegalBasisValues;
}

@ObjectType({
  description: "A processor that receives a category now, under an agreement in force (P-07).",
})
export class DataMapRecipient {
  @Classified("PUBLIC")
  @Field(() => String)
  name!: string;

  @Classified("PUBLIC")
  @Field(() => ProcessorKindValues)
  kind!: keyof typeof ProcessorKindValues;

  @Classified("PUBLIC")
  @Field(() => String, { description: 'Where it holds the data, in words ("EU — Ireland").' })
  region!: string;

  @Classified("PUBLIC")
  @Field(() => String, { description: "ISO 3166-1 alpha-2 of that region." })
  country!: string;

  @Classified("PUBLIC")
  @Field(() => String)
  description!: string;

  @Classified("PUBLIC")
  @Field(() => [DataMapPurpose], {
    description: "Why: the agreement's purposes that may read this category.",
  })
  purposes!: DataMapPurpose[];
}

@ObjectType({ description: "One category of data and where it goes." })
export class DataMapCategory {
  @Classified("PUBLIC")
  @Field(() => String, { description: "The category's key, e.g. user.contact.email." })
  key!: string;

  @Classified("PUBLIC")
  @Field(() => String)
  label!: string;

  @Classified("PUBLIC")
  @Field(() => Boolean, {
    description:
      "Stored but never returned to anyone, for any purpose, nor given to a processor (credentials).",
  })
  neverShared!: boolean;

  @Classified("PUBLIC")
  @Field(() => [DataMapPurpose], { description: "Every purpose that may use this category." })
  purposes!: DataMapPurpose[];

  @Classified("PUBLIC")
  @Field(() => [DataMapRecipient], {
    description: "The processors that receive it now, by name.",
  })
  recipients!: DataMapRecipient[];
}

@ObjectType({ description: "A group of categories, as the policy groups them." })
export class DataMapGroup {
  @Classified("PUBLIC")
  @Field(() => String, {
    description: "device, personal, advertising, customer_held, credentials.",
  })
  key!: string;

  @Classified("PUBLIC")
  @Field(() => String)
  label!: string;

  @Classified("PUBLIC")
  @Field(() => [DataMapCategory])
  categories!: DataMapCategory[];
}
