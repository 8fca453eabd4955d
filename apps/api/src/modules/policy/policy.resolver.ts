import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { policyInForce } from "./policy-in-force.js";
import { PolicyVersion, toPolicyVersion } from "./policy-version.type.js";

@Resolver()
export class PolicyResolver {
  @Query(() => PolicyVersion, {
    nullable: true,
    description:
      "The privacy policy in force now, with its effective date (P-18). A version published with a future date does not govern until then. Null only before any version exists.",
  })
  async policy(@Ctx() context: Context): Promise<PolicyVersion | null> {
    const row = await policyInForce(context.prisma, context.request.now);
    return row ? toPolicyVersion(row, row.id, context.request.now) : null;
  }
}
