import type { PrismaClient } from "@privet/db/client";

/** The policy version that governs at `now`: the latest whose effective date has come (P-18). */
export function policyInForce(prisma: Pick<PrismaClient, "policyVersion">, now: Date) {
  return prisma.policyVersion.findFirst({
    where: { effectiveAt: { lte: now } },
    orderBy: { effectiveAt: "desc" },
  });
}

/**
 * Only the id of the version in force (what each consent event records, P-18): the same rule,
 * without reading the policy's text on every consent write.
 */
export async function policyIdInForce(
  prisma: Pick<PrismaClient, "policyVersion">,
  now: Date,
): Promise<string | null> {
  const row = await prisma.policyVersion.findFirst({
    where: { effectiveAt: { lte: now } },
    orderBy: { effectiveAt: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}
