/**
 * Verifies the consent ledger, subject by subject, and reports the first broken link:
 * 1. the hash chains, in the database (verification/verify-history.ts): the writer hashed
 *    canonical JSON made in JavaScript, and "privet_consent_event_hash" recomputes exactly
 *    those bytes in SQL. A row whose content no longer matches its hash (rewritten), whose
 *    previous-hash does not match its predecessor (forged or reordered), a gap in the
 *    sequence (deleted); then each chain's newest event against its head (ConsentChainHead):
 *    HEAD_MISMATCH, HEAD_MISSING, HEAD_WITHOUT_ENTRIES, HEAD_REBUILT;
 * 2. the projection (ConsentCurrent) against the newest event of each subject and purpose:
 *    a row pointing elsewhere or saying otherwise (CURRENT_MISMATCH), a missing row
 *    (CURRENT_MISSING).
 * The first problem found in that order is reported.
 */
import type { BrokenLink, ChainVerification } from "../chain/hash.js";
import { type ConsentSubjectKind, Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { consentLedger } from "../verification/histories.js";
import { inSnapshot } from "../verification/snapshot.js";
import { type Queryable, verifyHistory } from "../verification/verify-history.js";
import { consentChainKey } from "./consent-event-content.js";

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

export function verifyConsentLedger(
  prisma: PrismaClient,
  scope: ConsentLedgerScope = {},
): Promise<ChainVerification> {
  return inSnapshot(prisma, async (snapshot) => {
    const { result } = await verifyHistory(snapshot, consentLedger, {
      scope: { entries: where("e", scope), heads: where("h", scope) },
    });
    if (!result.ok) return result;
    // Every link and head holds. A projection problem sits at the end of a chain whose
    // links verified, so the entries before it in its chain are its sequence - 1.
    const problem = await currentProblem(snapshot, scope);
    if (!problem) return result;
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
  });
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

/**
 * The first subject and purpose whose projection is not its newest event: the row must point
 * at that event and repeat its state, source, policy version and time.
 */
export async function currentProblem(
  prisma: Queryable,
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
