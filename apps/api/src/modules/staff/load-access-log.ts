/**
 * The newest allowed access events of many customers in one statement (a window per subject),
 * with the processor's name and the break-glass reason joined in.
 */
import type { PrismaClient } from "@privet/db/client";
import { categoryLabel, isDataCategory } from "@privet/domain/taxonomy";
import { groupBy } from "../../context/loaders.js";
import { CONSENT_CHOICE } from "../../privacy/access-read-recorder.js";
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
  // Records found through the GIN index on their subject lists, unnested to one event per
  // field, and the newest `first` kept per subject.
  const rows = await prisma.$queryRaw<AccessLogRow[]>`
    SELECT e."id", e."subjectId", e."principalKind"::text AS "principalKind",
           e."staffRole"::text AS "staffRole", p."name" AS "processorName",
           e."purpose"::text AS "purpose", e."reference", e."category", e."fieldPath",
           e."occurredAt", g."reason"::text AS "breakGlassReason",
           (e."legalRequestId" IS NOT NULL) AS "underLegalRequest"
    FROM (
      SELECT r."id"::text || ':' || x.position AS "id", x.read->>0 AS "subjectId",
             r."principalKind", r."principalId", r."staffRole", r."purpose", r."reference",
             x.read->>1 AS "category", x.read->>2 AS "fieldPath",
             r."occurredAt", (x.read->>4)::uuid AS "breakGlassId",
             r."legalRequestId", r."sequence", x.position,
             ROW_NUMBER() OVER (
               PARTITION BY x.read->>0
               ORDER BY r."occurredAt" DESC, r."sequence" DESC, x.position DESC
             ) AS "rank"
      FROM "AccessRecord" r
      CROSS JOIN LATERAL jsonb_array_elements(r."reads"::jsonb) WITH ORDINALITY AS x(read, position)
      WHERE r."subjectIds" && ${[...subjectIds]}::uuid[]
        AND x.read->>0 = ANY(${[...subjectIds]}::text[])
        AND x.read->>3 IS NULL
    ) e
    LEFT JOIN "Processor" p ON e."principalKind" = 'PARTNER' AND p."id" = e."principalId"
    LEFT JOIN "BreakGlassGrant" g ON g."id" = e."breakGlassId"
    WHERE e."rank" <= ${first}
    ORDER BY e."occurredAt" DESC, e."sequence" DESC, e.position DESC`;
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
        categoryLabel: isDataCategory(row.category)
          ? categoryLabel(row.category)
          : row.category === CONSENT_CHOICE
            ? "Your consent choice (a partner checked it)"
            : row.category,
        fieldPath: row.fieldPath,
        occurredAt: new Date(row.occurredAt),
        breakGlassReason: row.breakGlassReason,
        underLegalRequest: row.underLegalRequest,
      }),
    ),
  );
}
