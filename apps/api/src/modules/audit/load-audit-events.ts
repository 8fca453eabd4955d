/**
 * Audit events in one statement, newest first: the access records matching the filters,
 * unnested to one event per field read (jsonb_array_elements … WITH ORDINALITY, as
 * @privet/db/audit's findAccessEvents does), with the processor's name joined in for partner
 * reads. Ordered by (occurredAt, record id, position) descending — a total order, so keyset
 * pagination neither repeats nor skips an event.
 */
import { Prisma, type PrismaClient } from "@privet/db/client";
import type { AuditPosition } from "./audit-cursor.js";
import { AuditEvent } from "./audit-event.type.js";

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
  conditions: readonly Prisma.Sql[],
  after: AuditPosition | null,
  limit: number,
): Promise<LoadedAuditEvent[]> {
  const all = [...conditions];
  if (after) {
    all.push(
      Prisma.sql`(r."occurredAt", r."id", e.position) < (${after.occurredAt}::timestamptz, ${after.recordId}::uuid, ${after.position}::bigint)`,
    );
  }
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
    FROM "AccessRecord" r
    CROSS JOIN LATERAL jsonb_array_elements(r."reads"::jsonb) WITH ORDINALITY AS e(read, position)
    LEFT JOIN "Processor" p ON r."principalKind" = 'PARTNER' AND p."id" = r."principalId"
    ${where}
    ORDER BY r."occurredAt" DESC, r."id" DESC, e.position DESC
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
