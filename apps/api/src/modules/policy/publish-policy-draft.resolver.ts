import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { currentStaff } from "../../guards/current-staff.js";
import { validateId } from "../../validation/validate-id.js";
import { validatePolicyVersion } from "./policy-version-validation.js";
import { PublishPolicyVersionPayload } from "./publish-policy-version.payload.js";
import { draftNotFound, publishVersion } from "./publish-version.js";

@Resolver()
export class PublishPolicyDraftResolver {
  @Authorized()
  @Mutation(() => PublishPolicyVersionPayload, {
    description:
      "Privacy officers: publishes a saved draft as it was last saved, with the same checks as publishPolicyVersion (BAD_USER_INPUT naming the field when the draft is not ready), and deletes the draft in the same transaction. A material change queues a notice to every customer (P-18).",
  })
  async publishPolicyDraft(
    @Arg("id", () => ID) id: string,
    @Ctx() context: Context,
  ): Promise<PublishPolicyVersionPayload> {
    const staff = currentStaff(context);
    const draftId = validateId("id", id);
    const draft = await context.prisma.policyDraft.findUnique({ where: { id: draftId } });
    if (!draft) throw draftNotFound();
    const now = context.request.now;
    return publishVersion(context.prisma, validatePolicyVersion(draft, now), {
      publishedById: staff.staffId,
      now,
      portalUrl: context.config.portalUrl,
      fromDraftId: draftId,
    });
  }
}
