/**
 * The newest allowed access events of one or many customers, a page each, in one statement,
 * with the processor's name and the break-glass reason joined in.
 *
 * A page never costs more for a longer history: for each subject, AccessRecordSubject's key
 * (subjectId, occurredAt, recordId) is scanned backwards from the cursor, each record's reads
 * unnested as it comes, and the scan stops at the page's size (an incremental sort orders a
 * record's reads; bench/RESULTS.md shows the plan). Only the subject's own allowed reads of a
 * record are kept. Order: (time, record id, position in the record), newest first, a total
 * order, so paging by that key neither repeats nor skips an event.
 */
import { Prisma, type PrismaClient } from "@privet/db/client";
import { categoryLabel, isDataCategory } from "@privet/domain/taxonomy";
import { groupBy } from "../../context/loaders.js";
import type { HistoryPosition } from "../../pagination/history-cursor.js";
import { CONSENT_CHOICE } from "../../privacy/access-read-recorder.js";
import { AccessLogEntry } from "./access-log-entry.type.js";

interface AccessLogRow {
  id: string;
  recordId: string;
  position: number | bigint | string;
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

export interface LoadedAccessLogEntry {
  readonly entry: AccessLogEntry;
  readonly at: HistoryPosition;
}

/** Up to `first` entries per subject, newest first, after `after` (for one subject only). */
export async function loadAccessLogPages(
  prisma: PrismaClient,
  subjectIds: readonly string[],
  first: number,
  after: HistoryPosition | null = null,
): Promise<LoadedAccessLogEntry[][]> {
  if (after && subjectIds.length !== 1) throw new Error("a cursor belongs to one subject's log");
  const afterCondition = after
    ? Prisma.sql`AND (k."occurredAt", k."recordId") <= (${after.occurredAt}::timestamptz, ${after.recordId}::uuid)
        AND (k."occurredAt", k."recordId", x.position) < (${after.occurredAt}::timestamptz, ${after.recordId}::uuid, ${after.position}::bigint)`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<AccessLogRow[]>`
    SELECT e."id", e."recordId", e."position", e."subjectId",
           e."principalKind"::text AS "principalKind", e."staffRole"::text AS "staffRole",
           p."name" AS "processorName", e."purpose"::text AS "purpose", e."reference",
           e."category", e."fieldPath", e."occurredAt", g."reason"::text AS "breakGlassReason",
           (e."legalRequestId" IS NOT NULL) AS "underLegalRequest"
    FROM unnest(${[...subjectIds]}::uuid[]) AS s("subjectId")
    CROSS JOIN LATERAL (
      SELECT r."id"::text || ':' || x.position AS "id", r."id"::text AS "recordId",
             x.position::int AS "position", s."subjectId"::text AS "subjectId",
             r."principalKind", r."principalId", r."staffRole", r."purpose", r."reference",
             x.read->>1 AS "category", x.read->>2 AS "fieldPath", k."occurredAt",
             (x.read->>4)::uuid AS "breakGlassId", r."legalRequestId"
      FROM "AccessRecordSubject" k
      JOIN "AccessRecord" r ON r."id" = k."recordId"
      CROSS JOIN LATERAL jsonb_array_elements(r."reads"::jsonb) WITH ORDINALITY AS x(read, position)
      WHERE k."subjectId" = s."subjectId"
        ${afterCondition}
        AND x.read->>0 = s."subjectId"::text
        AND x.read->>3 IS NULL
      ORDER BY k."occurredAt" DESC, k."recordId" DESC, x.position DESC
      LIMIT ${first}
    ) e
    LEFT JOIN "Processor" p ON e."principalKind" = 'PARTNER' AND p."id" = e."principalId"
    LEFT JOIN "BreakGlassGrant" g ON g."id" = e."breakGlassId"
    ORDER BY e."occurredAt" DESC, e."recordId" DESC, e."position" DESC`;
  return groupBy(subjectIds, rows, (row) => row.subjectId).map((group) =>
    group.map((row) => {
      const occurredAt = new Date(row.occurredAt);
      const entry = Object.assign(new AccessLogEntry(), {
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
            ? row.principalKind === "PARTNER"
              ? "Your consent choice (a partner checked it)"
              : "A receipt of your consent choice"
            : row.category,
        fieldPath: row.fieldPath,
        occurredAt,
        breakGlassReason: row.breakGlassReason,
        underLegalRequest: row.underLegalRequest,
      });
      return { entry, at: { occurredAt, recordId: row.recordId, position: Number(row.position) } };
    }),
  );
}

/** The newest `first` entries of each subject's log (the first page, without cursors). */
export async function loadAccessLogs(
  prisma: PrismaClient,
  subjectIds: readonly string[],
  first: number,
): Promise<AccessLogEntry[][]> {
  const pages = await loadAccessLogPages(prisma, subjectIds, first);
  return pages.map((page) => page.map((row) => row.entry));
}

/**
 * A subject's whole log, newest first, page by page (each page one bounded statement), for
 * the data export: memory and statement time stay bounded by the page, not the history.
 */
export async function* accessLogInPages(
  prisma: PrismaClient,
  subjectId: string,
  pageSize: number,
): AsyncGenerator<AccessLogEntry[]> {
  let after: HistoryPosition | null = null;
  for (;;) {
    const [page = []] = await loadAccessLogPages(prisma, [subjectId], pageSize, after);
    if (page.length > 0) yield page.map((row) => row.entry);
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.at;
  }
}
