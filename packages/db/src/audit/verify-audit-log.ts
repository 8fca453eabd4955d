/**
 * Verifies the audit log's hash chains (one per reader), reporting the first broken link.
 * The database computed each hash on insert ("privet_access_record_hash"), so it recomputes
 * them here with the same function, in one pass: a rewritten record no longer matches its
 * hash, a removed one leaves a sequence gap, and a removed newest record no longer matches
 * the chain's head.
 */
import type { BrokenLink, ChainVerification } from "../chain/hash.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";

export interface AuditScope {
  /** One reader's chain: a staff member's or a processor's id. */
  readonly principalId?: string;
}

interface LinkRow {
  readonly id: string;
  readonly chain: string;
  readonly sequence: number;
  readonly problem: BrokenLink["problem"] | null;
}

export async function verifyAuditLog(
  prisma: PrismaClient,
  scope: AuditScope = {},
): Promise<ChainVerification> {
  const only = scope.principalId
    ? Prisma.sql`WHERE r."principalId" = ${scope.principalId}::uuid`
    : Prisma.empty;
  const links = await prisma.$queryRaw<LinkRow[]>`
    WITH links AS (
      SELECT r."id"::text AS "id", r."chain", r."sequence",
        CASE
          WHEN r."sequence" <> COALESCE(lag(r."sequence") OVER w, 0) + 1 THEN 'SEQUENCE_GAP'
          WHEN r."previousHash" IS DISTINCT FROM lag(r."hash") OVER w THEN 'PREVIOUS_HASH_MISMATCH'
          WHEN r."hash" <> "privet_access_record_hash"(r) THEN 'HASH_MISMATCH'
          WHEN lead(r."sequence") OVER w IS NULL
            AND NOT EXISTS (SELECT 1 FROM "AccessChainHead" h
                            WHERE h."chain" = r."chain" AND h."sequence" = r."sequence"
                              AND h."hash" = r."hash") THEN 'HEAD_MISMATCH'
        END AS "problem"
      FROM "AccessRecord" r
      ${only}
      WINDOW w AS (PARTITION BY r."chain" ORDER BY r."sequence")
    )
    SELECT * FROM links
    ORDER BY ("problem" IS NULL), "chain", "sequence"
    LIMIT 1`;
  const [counted] = await prisma.$queryRaw<{ records: number }[]>`
    SELECT count(*)::int AS "records" FROM "AccessRecord" r ${only}`;
  const records = counted?.records ?? 0;
  const first = links[0];
  if (!first?.problem) return { ok: true, checked: records };
  // Records before the broken link in its chain verified; report how many.
  const [before] = await prisma.$queryRaw<{ records: number }[]>`
    SELECT count(*)::int AS "records" FROM "AccessRecord"
    WHERE "chain" = ${first.chain} AND "sequence" < ${first.sequence}`;
  return {
    ok: false,
    checked: before?.records ?? 0,
    firstBroken: {
      eventId: first.id,
      chain: first.chain,
      sequence: first.sequence,
      problem: first.problem,
    },
  };
}
