/**
 * The newest allowed access events of many customers in one statement (a window per subject),
 * with the processor's name and the break-glass reason joined in.
 */
import type { PrismaClient } from "@privet/db/client";
import { categoryLabel, isDataCategory } from "@privet/domain/taxonomy";
import { groupBy } from "../../context/loaders.js";
import { AccessLogEntry } from "./access-log-entry.type.js";

interface AccessLogRow {
  id: string;
  subjectId: string;
  principalKind: string;
  staffRole: string | null;
  processorName: string | null;
  purpose: string | null;
  reference: string | null;
  category: string;
  fieldPath: string;
  occurredAt: Date | string;
  breakGlassReason: string | null;
  underLegalRequest: boolean;
}

export async function loadAccessLogs(
  prisma: PrismaClient,
  subjectIds: readonly string[],
  first: number,
): Promise<AccessLogEntry[][]> {
  const rows = await prisma.$queryRaw<AccessLogRow[]>`
    SELECT e."id"::text AS "id", e."subjectId"::text AS "subjectId",
           e."principalKind"::text AS "principalKind", e."staffRole"::text AS "staffRole",
           p."name" AS "processorName", e."purpose"::text AS "purpose", e."reference",
           e."category", e."fieldPath", e."occurredAt",
           g."reason"::text AS "breakGlassReason",
           (e."legalRequestId" IS NOT NULL) AS "underLegalRequest"
    FROM (
      SELECT a.*, ROW_NUMBER() OVER (
               PARTITION BY a."subjectId" ORDER BY a."occurredAt" DESC, a."sequence" DESC
             ) AS "rank"
      FROM "AccessEvent" a
      WHERE a."subjectId" = ANY(${[...subjectIds]}::uuid[]) AND a."outcome" = 'ALLOWED'
    ) e
    LEFT JOIN "Processor" p ON e."principalKind" = 'PARTNER' AND p."id" = e."principalId"
    LEFT JOIN "BreakGlassGrant" g ON g."id" = e."breakGlassId"
    WHERE e."rank" <= ${first}
    ORDER BY e."occurredAt" DESC, e."sequence" DESC`;
  return groupBy(subjectIds, rows, (row) => row.subjectId).map((group) =>
    group.map((row) =>
      Object.assign(new AccessLogEntry(), {
        id: row.id,
        accessorKind: row.principalKind === "PARTNER" ? "PARTNER" : "STAFF",
        staffRole: row.staffRole,
        processorName: row.processorName,
        purpose: row.purpose,
        reference: row.reference,
        category: row.category,
        categoryLabel: isDataCategory(row.category) ? categoryLabel(row.category) : row.category,
        fieldPath: row.fieldPath,
        occurredAt: new Date(row.occurredAt),
        breakGlassReason: row.breakGlassReason,
        underLegalRequest: row.underLegalRequest,
      }),
    ),
  );
}
