/**
 * Audit events in one statement, newest or oldest first: the access records matching the filters,
 * unnested to one event per field read (jsonb_array_elements … WITH ORDINALITY, as
 * @privet/db/audit's findAccessEvents does), with the processor's name joined in for partner
 * reads. Ordered by (occurredAt, record id, position), descending or ascending — a total order, so
 * keyset pagination neither repeats nor skips an event, in either order.
 *
 * Narrowed to a subject, the records come from that subject's history index
 * (AccessRecordSubject, scanned from the cursor, backwards for newest first and forwards for
 * oldest first), so the statement stops after a page's worth of records whatever the length of
 * the history. Otherwise from the records' occurredAt index (or the principal's), bounded by
 * the cursor's time on the side the order walks towards.
 */
import { Prisma, type PrismaClient } from "@privet/db/client";
import type { TimeOrder } from "@privet/domain/staff-actions";
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
  order: TimeOrder = "NEWEST_FIRST",
): Promise<LoadedAuditEvent[]> {
  const rows = await prisma.$queryRaw<AuditEventRow[]>(
    auditEventsStatement(query, after, limit, order),
  );
  return rows.map(toLoaded);
}

/** The one statement of a page (exported for the tests that EXPLAIN it). */
export function auditEventsStatement(
  query: AuditQuery,
  after: AuditPosition | null,
  limit: number,
  order: TimeOrder,
): Prisma.Sql {
  const newest = order === "NEWEST_FIRST";
  const { subjectId } = query;
  const all = [...query.conditions];
  // The key the records are walked by: the subject's index rows, or the records themselves.
  const time = subjectId ? Prisma.sql`k."occurredAt"` : Prisma.sql`r."occurredAt"`;
  const recordId = subjectId ? Prisma.sql`k."recordId"` : Prisma.sql`r."id"`;
  if (subjectId) all.push(Prisma.sql`k."subjectId" = ${subjectId}::uuid`);
  if (after) {
    // The first condition bounds the index scan; the second is the exact position.
    const within = newest ? Prisma.sql`<=` : Prisma.sql`>=`;
    const beyond = newest ? Prisma.sql`<` : Prisma.sql`>`;
    all.push(
      Prisma.sql`(${time}, ${recordId}) ${within} (${after.occurredAt}::timestamptz, ${after.recordId}::uuid)`,
      Prisma.sql`(${time}, ${recordId}, e.position) ${beyond} (${after.occurredAt}::timestamptz, ${after.recordId}::uuid, ${after.position}::bigint)`,
    );
  }
  const from = subjectId
    ? Prisma.sql`"AccessRecordSubject" k JOIN "AccessRecord" r ON r."id" = k."recordId"`
    : Prisma.sql`"AccessRecord" r`;
  const direction = newest ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const where = all.length ? Prisma.sql`WHERE ${Prisma.join(all, " AND ")}` : Prisma.empty;
  return Prisma.sql`
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
    ORDER BY ${time} ${direction}, ${recordId} ${direction}, e.position ${direction}
    LIMIT ${limit}`;
}

function toLoaded(row: AuditEventRow): LoadedAuditEvent {
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
}
