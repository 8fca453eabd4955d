import type { PrismaClient } from "@privet/db/client";

/** The policy version that governs at `now`: the latest whose effective date has come (P-18). */
export function policyInForce(prisma: Pick<PrismaClient, "policyVersion">, now: Date) {
  return prisma.policyVersion.findFirst({
    where: { effectiveAt: { lte: now } },
    orderBy: { effectiveAt: "desc" },
  });
}
