import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { policyInForce } from "./policy-in-force.js";
import { PolicyVersion, toPolicyVersion } from "./policy-version.type.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver()
export class PolicyVersionResolver {
  @Query(() => PolicyVersion, {
    description: "One version of the privacy policy, by id (NOT_FOUND when there is none).",
  })
  async policyVersion(
    @Arg("id", () => ID) id: string,
    @Ctx() context: Context,
  ): Promise<PolicyVersion> {
    // A malformed id names no version: the same answer as an unknown one, without asking the
    // database to compare a non-uuid with a uuid column.
    if (!UUID.test(id)) throw new AppError("NOT_FOUND", "This policy version could not be found.");
    const [row, inForce] = await Promise.all([
      context.prisma.policyVersion.findUnique({ where: { id } }),
      policyInForce(context.prisma, context.request.now),
    ]);
    if (!row) throw new AppError("NOT_FOUND", "This policy version could not be found.");
    return toPolicyVersion(row, inForce?.id ?? null, context.request.now);
  }
}
