import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { POLICY_VERSION_HEADER, PolicyVersion, toPolicyVersion } from "./policy-version.type.js";

@Resolver()
export class PolicyVersionsResolver {
  @Query(() => [PolicyVersion], {
    description:
      "Every version of the privacy policy, newest effective date first: those scheduled for the future, the one in force, and every earlier one (P-18).",
  })
  async policyVersions(@Ctx() context: Context): Promise<PolicyVersion[]> {
    const now = context.request.now;
    const rows = await context.prisma.policyVersion.findMany({
      select: POLICY_VERSION_HEADER,
      orderBy: [{ effectiveAt: "desc" }, { publishedAt: "desc" }],
    });
    // Newest first, so the first one whose date has come is the one in force (the same rule
    // as policyInForce).
    const inForce = rows.find((row) => row.effectiveAt.getTime() <= now.getTime());
    return rows.map((row) => toPolicyVersion(row, inForce?.id ?? null, now));
  }
}
