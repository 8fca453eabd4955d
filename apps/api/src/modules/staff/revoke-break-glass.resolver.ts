import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { BreakGlassGrant, toBreakGlassGrant } from "./break-glass-grant.type.js";

@Resolver()
export class RevokeBreakGlassResolver {
  @Authorized()
  @Mutation(() => BreakGlassGrant, {
    description:
      "Security or privacy officer: ends a break-glass grant now. Revoking a revoked grant changes nothing.",
  })
  async revokeBreakGlass(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<BreakGlassGrant> {
    const id = validateId("id", idInput);
    const { prisma, request } = context;
    // Only a live grant is stamped, so a second revocation keeps the first time.
    await prisma.breakGlassGrant.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: request.now },
    });
    const row = await prisma.breakGlassGrant.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND");
    return toBreakGlassGrant(row, request.now);
  }
}
