/**
 * Audit events in one statement, newest first: the access records matching the filters,
 * unnested to one event per field read (jsonb_array_elements … WITH ORDINALITY, as
 * @privet/db/audit's findAccessEvents does), with the processor's name joined in for partner
 * reads. Ordered by (occurredAt, record id, position) descending — a total order, so keyset
 * pagination neither repeats nor skips an event.
 *
 * Narrowed to a subject, the records come from that subject's history index
 * (AccessRecordSubject, scanned backwards from the cursor), so the statement stops after a
 * page's worth of records whatever the length of the history. Otherwise from the records'
 * occurredAt index, bounded above by the cursor's time.
 */
import { Prisma, type PrismaClient } from "@privet/db/client";
import type { AuditPosition } from "./audit-cursor.js";
import { AuditEvent } from "./audit-event.type.js";
import type { AuditQuery } from "./audit-filter.js";

interface AuditEventRow {
  id: string;
  recordId: string;
  position: number | bigint | string;
  subjectId: string;
  denyReason: string | null;
  principalKind: string;
  principalId: string;
  staffRole: AuditEvent["staffRole"];
  processorName: string | null;
  purpose: AuditEvent["purpose"];
  reference: string | null;
  category: string;
  fieldPath: string;
  operationName: string | null;
  requestId: string;
  breakGlassId: string | null;
  legalRequestId: string | null;
  occurredAt: Date | string;
}

export interface LoadedAuditEvent {
  readonly event: AuditEvent;
  readonly at: AuditPosition;
}

export async function loadAuditEvents(
  prisma: PrismaClient,
  query: AuditQuery,
  after: AuditPosition | null,
  limit: number,
): Promise<LoadedAuditEvent[]> {
  const { subjectId } = query;
  const all = [...query.conditions];
  // The key the records are walked by: the subject's index rows, or the records themselves.
  const time = subjectId ? Prisma.sql`k."occurredAt"` : Prisma.sql`r."occurredAt"`;
  const recordId = subjectId ? Prisma.sql`k."recordId"` : Prisma.sql`r."id"`;
  if (subjectId) all.push(Prisma.sql`k."subjectId" = ${subjectId}::uuid`);
  if (after) {
    // The first condition bounds the index scan; the second is the exact position.
    all.push(
      Prisma.sql`(${time}, ${recordId}) <= (${after.occurredAt}::timestamptz, ${after.recordId}::uuid)`,
      Prisma.sql`(${time}, ${recordId}, e.position) < (${after.occurredAt}::timestamptz, ${after.recordId}::uuid, ${after.position}::bigint)`,
    );
  }
  const from = subjectId
    ? Prisma.sql`"AccessRecordSubject" k JOIN "AccessRecord" r ON r."id" = k."recordId"`
    : Prisma.sql`"AccessRecord" r`;
  const where = all.length ? Prisma.sql`WHERE ${Prisma.join(all, " AND ")}` : Prisma.empty;
  const rows = await prisma.$queryRaw<AuditEventRow[]>`
    SELECT r."id"::text || ':' || e.position AS "id", r."id"::text AS "recordId",
           e.position::int AS "position",
           e.read->>0 AS "subjectId", e.read->>3 AS "denyReason",
           r."principalKind"::text AS "principalKind", r."principalId"::text AS "principalId",
           r."staffRole"::text AS "staffRole", p."name" AS "processorName",
           r."purpose"::text AS "purpose", r."reference",
           e.read->>1 AS "category", e.read->>2 AS "fieldPath",
           r."operationName", r."requestId", e.read->>4 AS "breakGlassId",
           r."legalRequestId"::text AS "legalRequestId", r."occurredAt"
    FROM ${from}
    CROSS JOIN LATERAL jsonb_array_elements(r."reads"::jsonb) WITH ORDINALITY AS e(read, position)
    LEFT JOIN "Processor" p ON r."principalKind" = 'PARTNER' AND p."id" = r."principalId"
    ${where}
    ORDER BY ${time} DESC, ${recordId} DESC, e.position DESC
    LIMIT ${limit}`;
  return rows.map((row) => {
    const occurredAt = new Date(row.occurredAt);
    const event = Object.assign(new AuditEvent(), {
      id: row.id,
      recordId: row.recordId,
      principalKind: row.principalKind === "PARTNER" ? "PARTNER" : "STAFF",
      principalId: row.principalId,
      staffRole: row.staffRole,
      processorName: row.processorName,
      purpose: row.purpose,
      reference: row.reference,
      subjectId: row.subjectId,
      category: row.category,
      fieldPath: row.fieldPath,
      outcome: row.denyReason === null ? "ALLOWED" : "DENIED",
      denyReason: row.denyReason,
      operationName: row.operationName,
      requestId: row.requestId,
      occurredAt,
      breakGlassId: row.breakGlassId,
      legalRequestId: row.legalRequestId,
    } satisfies AuditEvent);
    return {
      event,
      at: { occurredAt, recordId: row.recordId, position: Number(row.position) },
    };
  });
}
