/**
 * Agreement events, found by the periodic run rather than at a change: `agreement.lapsing`
 * once when an agreement in force ends within LAPSING_NOTICE_DAYS, and `agreement.lapsed`
 * once when it has ended (its term over or terminated early). Once each: the event's
 * dedupeKey is unique, so a second run (or a second process) adds nothing. Agreements that
 * ended long before (LAPSED_LOOKBACK_DAYS) are not announced: a first run after an upgrade
 * would otherwise tell processors of every agreement that ever ended.
 */
import type { PrismaClient } from "@privet/db/client";

export const LAPSING_NOTICE_DAYS = 14;
const LAPSED_LOOKBACK_DAYS = 7;
const DAY_MS = 86_400_000;

export async function enqueueAgreementLapses(prisma: PrismaClient, now: Date): Promise<number> {
  const soon = new Date(now.getTime() + LAPSING_NOTICE_DAYS * DAY_MS);
  const since = new Date(now.getTime() - LAPSED_LOOKBACK_DAYS * DAY_MS);
  const agreements = await prisma.processorAgreement.findMany({
    where: {
      OR: [{ validUntil: { gt: since, lte: soon } }, { terminatedAt: { gt: since, lte: now } }],
    },
    select: {
      id: true,
      processorId: true,
      reference: true,
      validFrom: true,
      validUntil: true,
      terminatedAt: true,
    },
  });
  const rows = agreements.flatMap((a) => {
    const end = a.terminatedAt && a.terminatedAt < a.validUntil ? a.terminatedAt : a.validUntil;
    const details = {
      reference: a.reference,
      validUntil: a.validUntil.toISOString(),
      ...(end < a.validUntil ? { endedAt: end.toISOString() } : {}),
    };
    const base = { processorId: a.processorId, details };
    if (end <= now) {
      if (end <= since) return [];
      return [
        {
          ...base,
          type: "agreement.lapsed",
          dedupeKey: `agreement.lapsed:${a.id}`,
          occurredAt: now,
        },
      ];
    }
    if (a.validFrom <= now && end <= soon) {
      return [
        {
          ...base,
          type: "agreement.lapsing",
          dedupeKey: `agreement.lapsing:${a.id}`,
          occurredAt: now,
        },
      ];
    }
    return [];
  });
  if (rows.length === 0) return 0;
  const { count } = await prisma.webhookEvent.createMany({ data: rows, skipDuplicates: true });
  return count;
}
