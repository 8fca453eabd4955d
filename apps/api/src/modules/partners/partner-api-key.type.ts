import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

/** A partner's API key as staff see it: never the key itself, only its first characters. */
@ObjectType()
export class PartnerApiKey {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  processorId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The key's first characters, to tell keys apart." })
  prefix!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  label!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class IssuedPartnerApiKey {
  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description:
      "The key, shown this once: only its hash is stored. The partner sends it as `Authorization: Bearer <key>`.",
  })
  key!: string;

  @Classified("NON_PERSONAL")
  @Field(() => PartnerApiKey)
  apiKey!: PartnerApiKey;
}

export function toPartnerApiKey(row: PartnerApiKey): PartnerApiKey {
  return Object.assign(new PartnerApiKey(), {
    id: row.id,
    processorId: row.processorId,
    prefix: row.prefix,
    label: row.label,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  });
}
