/**
 * Publishing a version (P-18), shared by publishPolicyVersion (from the form) and
 * publishPolicyDraft (from a saved draft): the label and the instant must be free, the version
 * is written and, when material, a notice per customer is queued, all in one transaction. When
 * it comes from a draft, the draft is deleted in that same transaction, so a draft is either
 * still there or published, never both, and two officers publishing it at once publish it once.
 */
import type { PrismaClient } from "@privet/db/client";
import { AppError, badInput } from "../../errors/app-error.js";
import { policyInForce } from "./policy-in-force.js";
import { queuePolicyNotices } from "./policy-notices.js";
import { toPolicyVersion } from "./policy-version.type.js";
import type { ValidPolicyVersion } from "./policy-version-validation.js";
import { PublishPolicyVersionPayload } from "./publish-policy-version.payload.js";

/** Queueing a notice per customer can take a while on a large customer base. */
const PUBLISH_TIMEOUT_MS = 120_000;

const duplicateLabel = () =>
  badInput("version", "A policy version with this label already exists: choose another label.");

export const draftNotFound = () =>
  new AppError(
    "NOT_FOUND",
    "This policy draft could not be found. It may have been published or discarded meanwhile.",
  );

export interface PublishVersionOptions {
  readonly publishedById: string;
  readonly now: Date;
  /** The portal's address, for the links in the notices (config.portalUrl). */
  readonly portalUrl: string;
  /** The draft it is published from, deleted with the publication. */
  readonly fromDraftId?: string;
}

export async function publishVersion(
  prisma: PrismaClient,
  valid: ValidPolicyVersion,
  { publishedById, now, portalUrl, fromDraftId }: PublishVersionOptions,
): Promise<PublishPolicyVersionPayload> {
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
        if (fromDraftId !== undefined) {
          // First, so a concurrent publication of the same draft waits on this row's lock and
          // then finds it gone: it fails and rolls back instead of publishing a second version.
          const { count } = await tx.policyDraft.deleteMany({ where: { id: fromDraftId } });
          if (count === 0) throw draftNotFound();
        }
        const created = await tx.policyVersion.create({
          data: { ...valid, publishedAt: now, publishedById },
        });
        const noticesQueued = created.material
          ? await queuePolicyNotices(tx, created, now, portalUrl)
          : 0;
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
