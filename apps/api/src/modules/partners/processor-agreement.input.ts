import { Field, ID, InputType } from "type-graphql";
import { PurposeValues } from "../../vocabulary/enums.js";

@InputType()
export class RecordProcessorAgreementInput {
  @Field(() => ID)
  processorId!: string;

  @Field(() => String, { description: "The agreement's own reference, unique per processor." })
  reference!: string;

  @Field(() => [PurposeValues])
  purposes!: Array<keyof typeof PurposeValues>;

  @Field(() => [String], {
    description: "Data category keys; each must be readable by at least one of the purposes.",
  })
  categories!: string[];

  @Field(() => Date)
  signedAt!: Date;

  @Field(() => Date)
  validFrom!: Date;

  @Field(() => Date, { description: "Exclusive; after validFrom." })
  validUntil!: Date;
}
