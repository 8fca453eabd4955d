import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { policyInForce } from "./policy-in-force.js";
import { queuePolicyNotices } from "./policy-notices.js";
import { toPolicyVersion } from "./policy-version.type.js";
import { validatePolicyVersion } from "./policy-version-validation.js";
import { PublishPolicyVersionInput } from "./publish-policy-version.input.js";
import { PublishPolicyVersionPayload } from "./publish-policy-version.payload.js";

/** Queueing a notice per customer can take a while on a large customer base. */
const PUBLISH_TIMEOUT_MS = 120_000;

const duplicateLabel = () =>
  badInput("version", "A policy version with this label already exists: choose another label.");

@Resolver()
export class PublishPolicyVersionResolver {
  @Mutation(() => PublishPolicyVersionPayload, {
    description:
      "Publishes a new version of the privacy policy (privacy officers only). It governs from its effective date; a material change queues a notice to every customer (P-18).",
  })
  async publishPolicyVersion(
    @Arg("input", () => PublishPolicyVersionInput) input: PublishPolicyVersionInput,
    @Ctx() context: Context,
  ): Promise<PublishPolicyVersionPayload> {
    const { principal } = context.viewer;
    if (principal.kind === "anonymous") throw new AppError("UNAUTHENTICATED");
    if (principal.kind !== "staff" || principal.role !== "PRIVACY_OFFICER") {
      throw new AppError("FORBIDDEN", "Only a privacy officer can publish a policy version.");
    }
    const now = context.request.now;
    const valid = validatePolicyVersion(input, now);
    const { prisma } = context;

    const [sameLabel, sameInstant] = await Promise.all([
      prisma.policyVersion.findUnique({ where: { version: valid.version }, select: { id: true } }),
      prisma.policyVersion.findFirst({
        where: { effectiveAt: valid.effectiveAt },
        select: { id: true },
      }),
    ]);
    if (sameLabel) throw duplicateLabel();
    // Two versions taking effect at the same instant would leave it unclear which governs.
    if (sameInstant) {
      throw badInput("effectiveAt", "Another version already takes effect at this exact time.");
    }

    const { created, noticesQueued } = await prisma
      .$transaction(
        async (tx) => {
          const created = await tx.policyVersion.create({
            data: { ...valid, publishedAt: now, publishedById: principal.staffId },
          });
          const noticesQueued = created.material ? await queuePolicyNotices(tx, created, now) : 0;
          return { created, noticesQueued };
        },
        { timeout: PUBLISH_TIMEOUT_MS },
      )
      .catch((error: unknown) => {
        // Another officer published the same label a moment ago.
        if ((error as { code?: string }).code === "P2002") throw duplicateLabel();
        throw error;
      });

    const inForce = await policyInForce(prisma, now);
    return Object.assign(new PublishPolicyVersionPayload(), {
      policyVersion: toPolicyVersion(created, inForce?.id ?? null, now),
      noticesQueued,
    });
  }
}
