import type { Purpose } from "@privet/domain/purposes";
import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { PurposeValues } from "../../vocabulary/enums.js";

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
  @Field(() => Date, {
    nullable: true,
    description: "When the key was last used, to the minute; null: never.",
  })
  lastUsedAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date, {
    nullable: true,
    description:
      "From this time the key is refused (API_KEY_EXPIRED); for a rotated key, the end of its overlap. Null: no expiry.",
  })
  expiresAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => [PurposeValues], {
    description: "The purposes the key may read under; empty: all of its agreement's.",
  })
  purposes!: Purpose[];

  @Classified("NON_PERSONAL")
  @Field(() => ID, { nullable: true, description: "The key that replaced this one, if rotated." })
  replacedById!: string | null;
}

@ObjectType()
export class IssuedPartnerApiKey {
  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description:
      "The key, shown this once: only its hash is stored. The partner sends it as `Authorization: Bearer <key>`. Format: `privet_pk_` + 38 base62 characters (docs/partners.md).",
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
    expiresAt: row.expiresAt,
    purposes: row.purposes,
    replacedById: row.replacedById,
  });
}
