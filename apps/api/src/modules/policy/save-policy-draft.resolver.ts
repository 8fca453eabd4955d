import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { currentStaff } from "../../guards/current-staff.js";
import { validateId } from "../../validation/validate-id.js";
import { PolicyDraft, toPolicyDraft } from "./policy-draft.type.js";
import { validatePolicyDraft } from "./policy-draft-validation.js";
import { draftNotFound } from "./publish-version.js";
import { SavePolicyDraftInput } from "./save-policy-draft.input.js";

@Resolver()
export class SavePolicyDraftResolver {
  @Authorized()
  @Mutation(() => PolicyDraft, {
    description:
      "Privacy officers: saves a policy draft, creating it when no id is given, else replacing that draft's fields (NOT_FOUND when it is gone). Nothing is published (P-18).",
  })
  async savePolicyDraft(
    @Arg("input", () => SavePolicyDraftInput) input: SavePolicyDraftInput,
    @Ctx() context: Context,
  ): Promise<PolicyDraft> {
    const staff = currentStaff(context);
    const id = input.id == null ? null : validateId("id", input.id);
    const fields = validatePolicyDraft(input);
    const now = context.request.now;
    const { prisma } = context;

    if (id === null) {
      const created = await prisma.policyDraft.create({
        data: {
          ...fields,
          createdById: staff.staffId,
          updatedById: staff.staffId,
          createdAt: now,
          updatedAt: now,
        },
      });
      return toPolicyDraft(created);
    }
    // The last save wins: a draft is one officer's work in progress, not a shared document.
    const { count } = await prisma.policyDraft.updateMany({
      where: { id },
      data: { ...fields, updatedById: staff.staffId, updatedAt: now },
    });
    // Discarded or published meanwhile (perhaps in another tab): saving must not revive it.
    if (count === 0) throw draftNotFound();
    return toPolicyDraft(await prisma.policyDraft.findUniqueOrThrow({ where: { id } }));
  }
}
