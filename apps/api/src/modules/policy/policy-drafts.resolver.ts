import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { validateId } from "../../validation/validate-id.js";
import { PolicyDraft, toPolicyDraft } from "./policy-draft.type.js";
import { draftNotFound } from "./publish-version.js";

@Resolver()
export class PolicyDraftsResolver {
  @Authorized()
  @Query(() => [PolicyDraft], {
    description: "Privacy officers: the saved policy drafts, most recently saved first (P-18).",
  })
  async policyDrafts(@Ctx() context: Context): Promise<PolicyDraft[]> {
    const rows = await context.prisma.policyDraft.findMany({
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    });
    return rows.map(toPolicyDraft);
  }

  @Authorized()
  @Query(() => PolicyDraft, {
    description:
      "Privacy officers: one policy draft (NOT_FOUND when there is none; a malformed id is BAD_USER_INPUT).",
  })
  async policyDraft(
    @Arg("id", () => ID) id: string,
    @Ctx() context: Context,
  ): Promise<PolicyDraft> {
    const row = await context.prisma.policyDraft.findUnique({
      where: { id: validateId("id", id) },
    });
    if (!row) throw draftNotFound();
    return toPolicyDraft(row);
  }
}
