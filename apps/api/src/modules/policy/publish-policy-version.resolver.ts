import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { currentStaff } from "../../guards/current-staff.js";
import { validatePolicyVersion } from "./policy-version-validation.js";
import { PublishPolicyVersionInput } from "./publish-policy-version.input.js";
import { PublishPolicyVersionPayload } from "./publish-policy-version.payload.js";
import { publishVersion } from "./publish-version.js";

@Resolver()
export class PublishPolicyVersionResolver {
  @Authorized()
  @Mutation(() => PublishPolicyVersionPayload, {
    description:
      "Publishes a new version of the privacy policy (privacy officers only). It governs from its effective date; a material change queues a notice to every customer (P-18).",
  })
  async publishPolicyVersion(
    @Arg("input", () => PublishPolicyVersionInput) input: PublishPolicyVersionInput,
    @Ctx() context: Context,
  ): Promise<PublishPolicyVersionPayload> {
    const staff = currentStaff(context);
    const now = context.request.now;
    return publishVersion(context.prisma, validatePolicyVersion(input, now), {
      publishedById: staff.staffId,
      now,
      portalUrl: context.config.portalUrl,
    });
  }
}
