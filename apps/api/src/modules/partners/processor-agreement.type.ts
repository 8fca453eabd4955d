import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { PurposeValues } from "../../vocabulary/enums.js";

/**
 * A data-processing agreement: the purposes and data categories a processor may read, between
 * validFrom and validUntil (exclusive). A lapsed agreement ends the partner's access (P-10).
 */
@ObjectType()
export class ProcessorAgreement {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  processorId!: string;

  @Classified("PUBLIC")
  @Field(() => String)
  reference!: string;

  @Classified("PUBLIC")
  @Field(() => [PurposeValues])
  purposes!: Array<keyof typeof PurposeValues>;

  @Classified("PUBLIC")
  @Field(() => [String], { description: "Data category keys, e.g. user.contact.email." })
  categories!: string[];

  @Classified("PUBLIC")
  @Field(() => Date)
  signedAt!: Date;

  @Classified("PUBLIC")
  @Field(() => Date)
  validFrom!: Date;

  @Classified("PUBLIC")
  @Field(() => Date, { description: "Exclusive." })
  validUntil!: Date;

  @Classified("PUBLIC")
  @Field(() => Date, { nullable: true })
  terminatedAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;
}

export function toProcessorAgreement(row: ProcessorAgreement): ProcessorAgreement {
  return Object.assign(new ProcessorAgreement(), {
    id: row.id,
    processorId: row.processorId,
    reference: row.reference,
    purposes: row.purposes,
    categories: row.categories,
    signedAt: row.signedAt,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    terminatedAt: row.terminatedAt,
    createdAt: row.createdAt,
  });
}
