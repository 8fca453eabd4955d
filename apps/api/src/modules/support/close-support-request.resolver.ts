/** Closing a support request when it is dealt with, and reopening it when it is not. */
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { validateId } from "../../validation/validate-id.js";
import { SupportRequest } from "./support-request.type.js";
import { reloadSupportRequest, transitionSupportRequest } from "./support-transition.js";

@Resolver()
export class CloseSupportRequestResolver {
  @Authorized()
  @Mutation(() => SupportRequest, {
    description: "Support agent or privacy officer: close a support request that is dealt with.",
  })
  async closeSupportRequest(
    @Arg("id", () => ID) id: string,
    @Ctx() context: Context,
  ): Promise<SupportRequest> {
    const requestId = validateId("id", id);
    const now = context.request.now;
    await context.prisma.$transaction((tx) =>
      transitionSupportRequest(tx, requestId, "CLOSE", async () => ({ closedAt: now })),
    );
    return reloadSupportRequest(context.prisma, requestId);
  }

  @Authorized()
  @Mutation(() => SupportRequest, {
    description: "Support agent or privacy officer: reopen a closed support request.",
  })
  async reopenSupportRequest(
    @Arg("id", () => ID) id: string,
    @Ctx() context: Context,
  ): Promise<SupportRequest> {
    const requestId = validateId("id", id);
    await context.prisma.$transaction((tx) =>
      transitionSupportRequest(tx, requestId, "REOPEN", async () => ({ closedAt: null })),
    );
    return reloadSupportRequest(context.prisma, requestId);
  }
}
