/**
 * Access events read back one per field, as they were recorded: each record's `reads`
 * unnested and joined with what the record says of the reader. A subject's events are found
 * through their history index (AccessRecordSubject, kept by the records' insert trigger).
 */
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import type { AccessOutcome } from "./record-access-events.js";

export interface AccessEvent {
  /** "<record id>:<position in the record>", stable. */
  readonly id: string;
  readonly recordId: string;
  readonly subjectId: string;
  readonly outcome: AccessOutcome;
  readonly denyReason: string | null;
  readonly principalKind: "STAFF" | "PARTNER";
  readonly principalId: string;
  readonly staffRole: string | null;
  readonly purpose: string | null;
  readonly reference: string | null;
  readonly category: string;
  readonly fieldPath: string;
  readonly operationName: string | null;
  readonly requestId: string;
  readonly breakGlassId: string | null;
  readonly legalRequestId: string | null;
  readonly occurredAt: Date;
}

export interface AccessEventFilter {
  readonly subjectId?: string;
  readonly requestId?: string;
  readonly principalId?: string;
  readonly outcome?: AccessOutcome;
  readonly purpose?: string;
  readonly reference?: string;
  readonly category?: string;
}

interface AccessEventRow extends Omit<AccessEvent, "occurredAt" | "outcome"> {
  readonly occurredAt: Date | string;
}

/** Events in the order they happened (record by record, field by field). */
export async function findAccessEvents(
  prisma: PrismaClient,
  filter: AccessEventFilter = {},
): Promise<AccessEvent[]> {
  const conditions: Prisma.Sql[] = [];
  if (filter.subjectId) {
    conditions.push(
      Prisma.sql`r."id" IN (SELECT k."recordId" FROM "AccessRecordSubject" k WHERE k."subjectId" = ${filter.subjectId}::uuid)`,
    );
    conditions.push(Prisma.sql`e.read->>0 = ${filter.subjectId}`);
  }
  if (filter.requestId) conditions.push(Prisma.sql`r."requestId" = ${filter.requestId}`);
  if (filter.principalId)
    conditions.push(Prisma.sql`r."principalId" = ${filter.principalId}::uuid`);
  if (filter.purpose) conditions.push(Prisma.sql`r."purpose"::text = ${filter.purpose}`);
  if (filter.reference) conditions.push(Prisma.sql`r."reference" = ${filter.reference}`);
  if (filter.category) conditions.push(Prisma.sql`e.read->>1 = ${filter.category}`);
  if (filter.outcome === "ALLOWED") conditions.push(Prisma.sql`e.read->>3 IS NULL`);
  if (filter.outcome === "DENIED") conditions.push(Prisma.sql`e.read->>3 IS NOT NULL`);
  const where = conditions.length
    ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<AccessEventRow[]>`
    SELECT r."id"::text || ':' || e.position AS "id", r."id"::text AS "recordId",
           e.read->>0 AS "subjectId", e.read->>3 AS "denyReason",
           r."principalKind"::text AS "principalKind", r."principalId"::text AS "principalId",
           r."staffRole"::text AS "staffRole", r."purpose"::text AS "purpose", r."reference",
           e.read->>1 AS "category", e.read->>2 AS "fieldPath",
           r."operationName", r."requestId", e.read->>4 AS "breakGlassId",
           r."legalRequestId"::text AS "legalRequestId", r."occurredAt"
    FROM "AccessRecord" r
    CROSS JOIN LATERAL jsonb_array_elements(r."reads"::jsonb) WITH ORDINALITY AS e(read, position)
    ${where}
    ORDER BY r."occurredAt", r."chain", r."sequence", e.position`;
  return rows.map((row) => ({
    ...row,
    outcome: row.denyReason === null ? "ALLOWED" : "DENIED",
    occurredAt: new Date(row.occurredAt),
  }));
}
