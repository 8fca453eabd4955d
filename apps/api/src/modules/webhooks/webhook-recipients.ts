/**
 * Which processors hear of an event.
 * - A consent change: those whose agreement in force at the time covers that purpose (the
 *   others never had the data under it).
 * - An erasure or a correction (GDPR Art. 17(2), 19): every processor that received the
 *   person's data — every partner read naming them in the audit log — and every processor
 *   whose agreement is in force, which may read them at any time.
 * - An agreement's or a key's event: that processor.
 */
import type { Prisma } from "@privet/db/client";

export interface OutboxEvent {
  readonly id: string;
  readonly type: string;
  readonly customerId: string | null;
  readonly purpose: string | null;
  readonly processorId: string | null;
  readonly details: unknown;
  readonly occurredAt: Date;
}

type Reader = Pick<Prisma.TransactionClient, "processorAgreement" | "$queryRaw">;

/** Processor ids per event id. Agreements and partner readers are read once for the batch. */
export async function recipientsOf(
  tx: Reader,
  events: readonly OutboxEvent[],
): Promise<Map<string, Set<string>>> {
  const people = [...new Set(events.flatMap((e) => (e.customerId ? [e.customerId] : [])))];
  const times = events.map((e) => e.occurredAt.getTime());
  const [agreements, readers] = await Promise.all([
    people.length === 0
      ? []
      : tx.processorAgreement.findMany({
          where: {
            validFrom: { lte: new Date(Math.max(...times)) },
            validUntil: { gt: new Date(Math.min(...times)) },
          },
          select: {
            processorId: true,
            purposes: true,
            validFrom: true,
            validUntil: true,
            terminatedAt: true,
          },
        }),
    partnersThatRead(tx, people),
  ]);
  const inForce = (at: Date) =>
    agreements.filter(
      (a) =>
        a.validFrom <= at && at < a.validUntil && (a.terminatedAt === null || at < a.terminatedAt),
    );
  const recipients = new Map<string, Set<string>>();
  for (const event of events) {
    const to = new Set<string>();
    if (event.processorId) to.add(event.processorId);
    if (event.customerId && event.purpose) {
      for (const a of inForce(event.occurredAt)) {
        if ((a.purposes as string[]).includes(event.purpose)) to.add(a.processorId);
      }
    } else if (event.customerId) {
      for (const a of inForce(event.occurredAt)) to.add(a.processorId);
      for (const processorId of readers.get(event.customerId) ?? []) to.add(processorId);
    }
    recipients.set(event.id, to);
  }
  return recipients;
}

/** Every partner that read a field of each person, from the audit log's per-person index. */
async function partnersThatRead(
  tx: Reader,
  people: readonly string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (people.length === 0) return found;
  const rows = await tx.$queryRaw<Array<{ subjectId: string; processorId: string }>>`
    SELECT DISTINCT s."subjectId"::text AS "subjectId", r."principalId"::text AS "processorId"
    FROM "AccessRecordSubject" s JOIN "AccessRecord" r ON r."id" = s."recordId"
    WHERE s."subjectId" = ANY(${people}::uuid[]) AND r."principalKind" = 'PARTNER'`;
  for (const row of rows) {
    found.set(row.subjectId, [...(found.get(row.subjectId) ?? []), row.processorId]);
  }
  return found;
}
