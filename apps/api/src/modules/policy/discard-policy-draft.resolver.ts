import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { validateId } from "../../validation/validate-id.js";
import { draftNotFound } from "./publish-version.js";

@Resolver()
export class DiscardPolicyDraftResolver {
  @Authorized()
  @Mutation(() => ID, {
    description:
      "Privacy officers: deletes a policy draft that will not be published; returns its id (NOT_FOUND when there is none).",
  })
  async discardPolicyDraft(
    @Arg("id", () => ID) id: string,
    @Ctx() context: Context,
  ): Promise<string> {
    const draftId = validateId("id", id);
    const { count } = await context.prisma.policyDraft.deleteMany({ where: { id: draftId } });
    if (count === 0) throw draftNotFound();
    return draftId;
  }
}
