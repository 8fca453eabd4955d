/**
 * Verifies the consent ledger, subject by subject, and reports the first broken link:
 * 1. the hash chains, walked in JavaScript (the hashes cover canonical JSON made here): a
 *    row whose content no longer matches its hash (rewritten), whose previous-hash does not
 *    match its predecessor (forged or reordered), or a gap in the sequence (deleted);
 * 2. each chain's newest event against its head (ConsentChainHead): a deleted newest event
 *    or one appended behind the trigger's back (HEAD_MISMATCH), events with no head
 *    (HEAD_MISSING), a head with no events (HEAD_WITHOUT_ENTRIES), a head the trigger had to
 *    rebuild (HEAD_REBUILT);
 * 3. the projection (ConsentCurrent) against the newest event of each subject and purpose:
 *    a row pointing elsewhere or saying otherwise (CURRENT_MISMATCH), a missing row
 *    (CURRENT_MISSING).
 * The first problem found in that order is reported.
 */
import { type BrokenLink, type ChainVerification, verifyRows } from "../chain/hash.js";
import {
  type ConsentEvent,
  type ConsentSubjectKind,
  Prisma,
  type PrismaClient,
} from "../generated/prisma/client.js";
import { consentChainKey, consentEventContent } from "./consent-event-content.js";

const PAGE = 1000;

export interface ConsentLedgerScope {
  readonly subjectKind?: ConsentSubjectKind;
  readonly subjectId?: string;
}

interface ProblemRow {
  readonly id: string;
  readonly subjectKind: ConsentSubjectKind;
  readonly subjectId: string;
  readonly sequence: bigint;
  readonly problem: BrokenLink["problem"];
}

export async function verifyConsentLedger(
  prisma: PrismaClient,
  scope: ConsentLedgerScope = {},
): Promise<ChainVerification> {
  const state = { chain: null as string | null, previous: null as ConsentEvent | null, checked: 0 };
  let cursor: string | undefined;
  for (;;) {
    const rows = await prisma.consentEvent.findMany({
      where: scope,
      orderBy: [{ subjectKind: "asc" }, { subjectId: "asc" }, { sequence: "asc" }, { id: "asc" }],
      take: PAGE,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    const broken = verifyRows(rows, consentChainKey, consentEventContent, state);
    if (broken) return { ok: false, checked: state.checked, firstBroken: broken };
    if (rows.length < PAGE) break;
    cursor = rows[rows.length - 1]?.id;
  }

  // Every link holds. A head or projection problem sits at the end of a chain whose links
  // verified, so the entries before it in its chain are its sequence - 1.
  const problem = (await headProblem(prisma, scope)) ?? (await currentProblem(prisma, scope));
  if (!problem) return { ok: true, checked: state.checked };
  const sequence = Number(problem.sequence);
  return {
    ok: false,
    checked: problem.id ? Math.max(sequence - 1, 0) : 0,
    firstBroken: {
      eventId: problem.id,
      chain: consentChainKey(problem),
      sequence,
      problem: problem.problem,
    },
  };
}

/** The scope as a condition over the table aliased `alias`. */
function where(alias: "e" | "h" | "c", scope: ConsentLedgerScope): Prisma.Sql {
  const table = Prisma.raw(alias);
  const conditions = [Prisma.sql`true`];
  if (scope.subjectKind) {
    conditions.push(
      Prisma.sql`${table}."subjectKind" = ${scope.subjectKind}::"ConsentSubjectKind"`,
    );
  }
  if (scope.subjectId) conditions.push(Prisma.sql`${table}."subjectId" = ${scope.subjectId}::uuid`);
  return Prisma.join(conditions, " AND ");
}

/** The first chain whose newest event and head disagree (or one of them is missing). */
async function headProblem(
  prisma: PrismaClient,
  scope: ConsentLedgerScope,
): Promise<ProblemRow | null> {
  const [row] = await prisma.$queryRaw<ProblemRow[]>`
    WITH newest AS (
      SELECT DISTINCT ON (e."subjectKind", e."subjectId")
        e."id", e."subjectKind", e."subjectId", e."sequence", e."hash"
      FROM "ConsentEvent" e
      WHERE ${where("e", scope)}
      ORDER BY e."subjectKind", e."subjectId", e."sequence" DESC
    ),
    heads AS (SELECT * FROM "ConsentChainHead" h WHERE ${where("h", scope)})
    SELECT COALESCE(n."id"::text, '') AS "id",
      COALESCE(n."subjectKind", h."subjectKind")::text AS "subjectKind",
      COALESCE(n."subjectId", h."subjectId")::text AS "subjectId",
      COALESCE(n."sequence", h."sequence") AS "sequence",
      CASE
        WHEN h."sequence" IS NULL THEN 'HEAD_MISSING'
        WHEN n."id" IS NULL THEN 'HEAD_WITHOUT_ENTRIES'
        WHEN h."rebuiltAt" IS NOT NULL THEN 'HEAD_REBUILT'
        ELSE 'HEAD_MISMATCH'
      END AS "problem"
    FROM newest n
    FULL JOIN heads h ON h."subjectKind" = n."subjectKind" AND h."subjectId" = n."subjectId"
    WHERE h."sequence" IS NULL OR n."id" IS NULL OR h."rebuiltAt" IS NOT NULL
      OR h."sequence" <> n."sequence" OR h."hash" <> n."hash"
    ORDER BY 2, 3
    LIMIT 1`;
  return row ?? null;
}

/**
 * The first subject and purpose whose projection is not its newest event: the row must point
 * at that event and repeat its state, source, policy version and time.
 */
async function currentProblem(
  prisma: PrismaClient,
  scope: ConsentLedgerScope,
): Promise<ProblemRow | null> {
  const [row] = await prisma.$queryRaw<ProblemRow[]>`
    WITH newest AS (
      SELECT DISTINCT ON (e."subjectKind", e."subjectId", e."purpose") e.*
      FROM "ConsentEvent" e
      WHERE ${where("e", scope)}
      ORDER BY e."subjectKind", e."subjectId", e."purpose", e."sequence" DESC
    ),
    current AS (SELECT * FROM "ConsentCurrent" c WHERE ${where("c", scope)})
    SELECT COALESCE(n."id", c."eventId")::text AS "id",
      COALESCE(n."subjectKind", c."subjectKind")::text AS "subjectKind",
      COALESCE(n."subjectId", c."subjectId")::text AS "subjectId",
      COALESCE(n."sequence", 0) AS "sequence",
      CASE WHEN c."eventId" IS NULL THEN 'CURRENT_MISSING' ELSE 'CURRENT_MISMATCH' END AS "problem"
    FROM newest n
    FULL JOIN current c ON c."subjectKind" = n."subjectKind" AND c."subjectId" = n."subjectId"
      AND c."purpose" = n."purpose"
    WHERE c."eventId" IS NULL OR n."id" IS NULL OR c."eventId" <> n."id"
      OR c."state" <> n."state" OR c."source" <> n."source"
      OR c."policyVersionId" IS DISTINCT FROM n."policyVersionId"
      OR c."updatedAt" <> n."occurredAt"
    ORDER BY 2, 3, n."sequence"
    LIMIT 1`;
  return row ?? null;
}
