/**
 * A customer's accesses (one per access record naming them), newest first, a page per
 * statement, and the 30-day summary above them.
 *
 * A page never costs more for a longer history: AccessRecordSubject's key (subjectId,
 * occurredAt, recordId) is scanned backwards from the cursor, a bounded stretch of it: the
 * page's size plus one without a filter (every record in the index reads this customer, so
 * each key is an entry), SCAN keys with one (a filter may match few). Each record's reads of
 * this customer are gathered into its entry (categories shown, categories refused). When a
 * filtered stretch ends before the page fills, the cursor points after the stretch: the next
 * page goes on from there, never rescanning and never skipping. Order: (time, record id),
 * newest first, a total order. The data export keeps reading field-level events
 * (load-access-log.ts); this is only the person's view.
 */
import { Prisma, type PrismaClient } from "@privet/db/client";
import type { HistoryPosition } from "../../pagination/history-cursor.js";
import type { AccessFilter } from "./access.type.js";
import { Access, AccessPartner, AccessReader, AccessSummary } from "./access.type.js";

/** Keys of the history index one filtered page may scan. */
export const SCAN = 1000;
/** The summary's window. */
export const SUMMARY_DAYS = 30;
/** The most accesses the summary counts (the newest in the window): it stays cheap for anyone. */
export const SUMMARY_MOST = 1000;

interface AccessRow {
  recordId: string | null;
  occurredAt: Date | string | null;
  principalKind: string | null;
  staffRole: string | null;
  processorName: string | null;
  purpose: string | null;
  reference: string | null;
  reads: string | null;
  breakGlassReason: string | null;
  underLegalRequest: boolean | null;
  scanned: number | bigint | string;
  lastAt: Date | string | null;
  lastId: string | null;
}

export interface AccessPage {
  readonly nodes: Access[];
  /** Where the next page starts, or null when the history is done. */
  readonly next: HistoryPosition | null;
}

export async function loadAccessPage(
  prisma: PrismaClient,
  subjectId: string,
  first: number,
  after: HistoryPosition | null,
  filter: AccessFilter,
): Promise<AccessPage> {
  const conditions: Prisma.Sql[] = [];
  if (filter.who === "STAFF") conditions.push(Prisma.sql`r."principalKind" <> 'PARTNER'`);
  if (filter.who === "PARTNER" || filter.processorId) {
    conditions.push(Prisma.sql`r."principalKind" = 'PARTNER'`);
  }
  if (filter.processorId) {
    conditions.push(Prisma.sql`r."principalId" = ${filter.processorId}::uuid`);
  }
  if (filter.purpose) conditions.push(Prisma.sql`r."purpose"::text = ${filter.purpose}`);
  const scan = conditions.length > 0 ? Math.max(SCAN, first + 1) : first + 1;
  const afterCondition = after
    ? Prisma.sql`AND (k."occurredAt", k."recordId") < (${after.occurredAt}::timestamptz, ${after.recordId}::uuid)`
    : Prisma.empty;
  const where =
    conditions.length > 0 ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await prisma.$queryRaw<AccessRow[]>`
    WITH keys AS MATERIALIZED (
      SELECT k."occurredAt", k."recordId"
      FROM "AccessRecordSubject" k
      WHERE k."subjectId" = ${subjectId}::uuid ${afterCondition}
      ORDER BY k."occurredAt" DESC, k."recordId" DESC
      LIMIT ${scan}
    ), stretch AS (
      SELECT (SELECT count(*) FROM keys)::int AS "scanned", l."occurredAt" AS "lastAt",
             l."recordId"::text AS "lastId"
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (
        SELECT "occurredAt", "recordId" FROM keys ORDER BY "occurredAt", "recordId" LIMIT 1
      ) l ON true
    )
    SELECT s."scanned", s."lastAt", s."lastId", e.*
    FROM stretch s
    LEFT JOIN LATERAL (
      SELECT r."id"::text AS "recordId", k."occurredAt",
             r."principalKind"::text AS "principalKind", r."staffRole"::text AS "staffRole",
             p."name" AS "processorName", r."purpose"::text AS "purpose", r."reference",
             a."reads", g."reason"::text AS "breakGlassReason",
             (r."legalRequestId" IS NOT NULL) AS "underLegalRequest"
      FROM keys k
      JOIN "AccessRecord" r ON r."id" = k."recordId"
      CROSS JOIN LATERAL (
        SELECT jsonb_agg(jsonb_build_array(x.read->>1, x.read->>3 IS NULL) ORDER BY x.position)::text
                 AS "reads",
               min(x.read->>4) AS "breakGlassId"
        FROM jsonb_array_elements(r."reads"::jsonb) WITH ORDINALITY AS x(read, position)
        WHERE x.read->>0 = ${subjectId}
      ) a
      LEFT JOIN "Processor" p ON r."principalKind" = 'PARTNER' AND p."id" = r."principalId"
      LEFT JOIN "BreakGlassGrant" g ON g."id" = a."breakGlassId"::uuid
      WHERE a."reads" IS NOT NULL ${where}
      ORDER BY k."occurredAt" DESC, k."recordId" DESC
      LIMIT ${first + 1}
    ) e ON true
    ORDER BY e."occurredAt" DESC, e."recordId" DESC`;
  const found = rows.filter((row) => row.recordId !== null);
  const nodes = found.slice(0, first).map(toAccess);
  const last = nodes.at(-1);
  if (found.length > first && last) {
    return { nodes, next: { occurredAt: last.occurredAt, recordId: last.id, position: 1 } };
  }
  const stretch = rows[0];
  if (stretch && Number(stretch.scanned) === scan && stretch.lastAt && stretch.lastId) {
    return {
      nodes,
      next: { occurredAt: new Date(stretch.lastAt), recordId: stretch.lastId, position: 1 },
    };
  }
  return { nodes, next: null };
}

function toAccess(row: AccessRow): Access {
  const reads = JSON.parse(row.reads ?? "[]") as [string, boolean][];
  const shown = new Set<string>();
  const refused = new Set<string>();
  for (const [category, allowed] of reads) (allowed ? shown : refused).add(category);
  for (const category of shown) refused.delete(category);
  return Object.assign(new Access(), {
    id: row.recordId ?? "",
    accessorKind: row.principalKind === "PARTNER" ? "PARTNER" : "STAFF",
    staffRole: row.staffRole,
    processorName: row.processorName,
    purpose: row.purpose,
    reference: row.reference,
    occurredAt: new Date(row.occurredAt ?? 0),
    categories: [...shown],
    refusedCategories: [...refused],
    reads: reads.length,
    breakGlassReason: row.breakGlassReason,
    underLegalRequest: row.underLegalRequest === true,
  } as Access);
}

interface SummaryRow {
  principalKind: string;
  processorId: string | null;
  processorName: string | null;
  accesses: number | bigint | string;
  scanned: number | bigint | string;
}

/**
 * Accesses that showed this customer something over the last SUMMARY_DAYS days, grouped by
 * reader kind and partner: the newest SUMMARY_MOST keys of the window on the history index,
 * so the statement is bounded by both (`complete` is false when the window held more).
 */
export async function loadAccessSummary(
  prisma: PrismaClient,
  subjectId: string,
  now: Date,
): Promise<AccessSummary> {
  const since = new Date(now.getTime() - SUMMARY_DAYS * 86_400_000);
  const rows = await prisma.$queryRaw<SummaryRow[]>`
    WITH keys AS MATERIALIZED (
      SELECT k."recordId" FROM "AccessRecordSubject" k
      WHERE k."subjectId" = ${subjectId}::uuid AND k."occurredAt" >= ${since}::timestamptz
      ORDER BY k."occurredAt" DESC, k."recordId" DESC
      LIMIT ${SUMMARY_MOST + 1}
    )
    SELECT r."principalKind"::text AS "principalKind", p."id"::text AS "processorId",
           p."name" AS "processorName", count(*)::int AS "accesses",
           (SELECT count(*) FROM keys)::int AS "scanned"
    FROM (SELECT "recordId" FROM keys LIMIT ${SUMMARY_MOST}) k
    JOIN "AccessRecord" r ON r."id" = k."recordId"
    LEFT JOIN "Processor" p ON r."principalKind" = 'PARTNER' AND p."id" = r."principalId"
    WHERE EXISTS (
        SELECT 1 FROM jsonb_array_elements(r."reads"::jsonb) AS x(read)
        WHERE x.read->>0 = ${subjectId} AND x.read->>3 IS NULL
      )
    GROUP BY 1, 2, 3
    ORDER BY p."name"`;
  let staffReads = 0;
  let partnerReads = 0;
  const partners: AccessPartner[] = [];
  for (const row of rows) {
    const accesses = Number(row.accesses);
    if (row.principalKind !== "PARTNER") {
      staffReads += accesses;
      continue;
    }
    partnerReads += accesses;
    if (row.processorId && row.processorName) {
      partners.push(
        Object.assign(new AccessPartner(), {
          id: row.processorId,
          name: row.processorName,
          reads: accesses,
        }),
      );
    }
  }
  return Object.assign(new AccessSummary(), {
    days: SUMMARY_DAYS,
    staffReads,
    partnerReads,
    partners,
    complete: !rows.some((row) => Number(row.scanned) > SUMMARY_MOST),
  });
}

/** Every processor, by name: the partners the log can be narrowed to. */
export async function loadAccessReaders(prisma: PrismaClient): Promise<AccessReader[]> {
  const rows = await prisma.processor.findMany({
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => Object.assign(new AccessReader(), row));
}
