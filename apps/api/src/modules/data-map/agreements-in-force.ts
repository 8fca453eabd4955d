import type { PrismaClient } from "@privet/db/client";
import type { AgreementInForce } from "./build-data-map.js";

/**
 * The agreements in force at `now`, with their processors: one query whatever the number of
 * processors. The same window the privacy gate applies to a partner's reads: from validFrom,
 * until validUntil (exclusive) or an earlier termination.
 */
export function agreementsInForce(prisma: PrismaClient, now: Date): Promise<AgreementInForce[]> {
  return prisma.processorAgreement.findMany({
    where: {
      validFrom: { lte: now },
      validUntil: { gt: now },
      OR: [{ terminatedAt: null }, { terminatedAt: { gt: now } }],
    },
    select: {
      purposes: true,
      categories: true,
      processor: {
        select: { name: true, kind: true, region: true, country: true, description: true },
      },
    },
  });
}
