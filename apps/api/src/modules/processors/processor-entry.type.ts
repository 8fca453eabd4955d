import { Field, ID, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { ProcessorKindValues } from "../../vocabulary/enums.js";
import { PartnerApiKey, ProcessorAgreement } from "../partners/public.js";

/**
 * A processor in the registry (P-10): who it is, where it holds data, its agreements and API
 * keys, and whether an agreement is in force now and how soon it ends. Company data, not
 * personal data.
 */
@ObjectType()
export class ProcessorEntry {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("PUBLIC")
  @Field(() => String)
  name!: string;

  @Classified("PUBLIC")
  @Field(() => ProcessorKindValues)
  kind!: keyof typeof ProcessorKindValues;

  @Classified("PUBLIC")
  @Field(() => String)
  region!: string;

  @Classified("PUBLIC")
  @Field(() => String)
  country!: string;

  @Classified("PUBLIC")
  @Field(() => String)
  description!: string;

  @Classified("PUBLIC")
  @Field(() => [ProcessorAgreement], { description: "Newest end date first." })
  agreements!: ProcessorAgreement[];

  @Classified("NON_PERSONAL")
  @Field(() => [PartnerApiKey], { description: "Newest first; revoked keys included." })
  apiKeys!: PartnerApiKey[];

  @Classified("PUBLIC")
  @Field(() => Boolean, { description: "An agreement is in force now: the partner can read." })
  agreementInForce!: boolean;

  @Classified("PUBLIC")
  @Field(() => Int, {
    nullable: true,
    description: "Days until the agreement in force ends (null when none is in force).",
  })
  daysUntilExpiry!: number | null;

  @Classified("PUBLIC")
  @Field(() => Boolean, {
    description:
      "The agreement in force ends within 30 days: renew it or the partner's access stops (P-10).",
  })
  expiringSoon!: boolean;
}
