import { Field, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { PolicyVersion } from "./policy-version.type.js";

@ObjectType()
export class PublishPolicyVersionPayload {
  @Classified("PUBLIC")
  @Field(() => PolicyVersion)
  policyVersion!: PolicyVersion;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Notices queued in the email outbox (material changes)." })
  noticesQueued!: number;
}
