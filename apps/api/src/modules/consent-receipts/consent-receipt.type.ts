import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

/**
 * A consent event as a signed ISO/IEC TS 27560 consent record. NON_PERSONAL like the consent
 * history it comes from: it names the person only by their customer id, and says how their
 * data may be used, not what it is. Staff reads of it are recorded all the same.
 */
@ObjectType({
  description:
    "A consent event of the ledger as an ISO/IEC TS 27560 consent record (JSON-LD, W3C DPV), signed as a compact JWS (EdDSA, Ed25519) whose key is published at /.well-known/jwks.json.",
})
export class ConsentReceipt {
  @Classified("NON_PERSONAL")
  @Field(() => ID, { description: "The consent event's id (the record's identifier)." })
  eventId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description: "The consent record, as JSON text: exactly the JWS payload, byte for byte.",
  })
  record!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description: "The record signed: a compact JWS (`alg` EdDSA, `kid` the key's id).",
  })
  jws!: string;

  @Classified("PUBLIC")
  @Field(() => String, { description: "The signing key's id, as in the JWK Set." })
  keyId!: string;

  @Classified("PUBLIC")
  @Field(() => String, { description: "Where the public key is published (a JWK Set)." })
  jwksUrl!: string;
}
