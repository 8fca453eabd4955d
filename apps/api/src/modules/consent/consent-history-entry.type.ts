import type { ConsentPurpose } from "@privet/domain/consent";
import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import {
  ConsentPurposeValues,
  ConsentSourceValues,
  ConsentStateValues,
  JurisdictionValues,
} from "../../vocabulary/enums.js";

/** One event of the consent ledger, as the person (or staff helping them) reads it. */
@ObjectType({
  description: "One consent event from the append-only ledger.",
  // Plain values on every field (no middleware, role or personal data): graphql-js's own
  // property resolver, not a TypeGraphQL wrapper per field (consent reads run on every page).
  simpleResolvers: true,
})
export class ConsentHistoryEntry {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("PUBLIC")
  @Field(() => ConsentPurposeValues)
  purpose!: ConsentPurpose;

  @Classified("NON_PERSONAL")
  @Field(() => ConsentStateValues)
  state!: keyof typeof ConsentStateValues;

  @Classified("NON_PERSONAL")
  @Field(() => ConsentSourceValues)
  source!: keyof typeof ConsentSourceValues;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  occurredAt!: Date;

  @Classified("PUBLIC")
  @Field(() => String, {
    nullable: true,
    description: "The policy version in force when the event was recorded (P-18).",
  })
  policyVersion!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => JurisdictionValues, { nullable: true })
  jurisdiction!: keyof typeof JurisdictionValues | null;
}
