/**
 * Verifies the staff action log's hash chains (one per staff member), reporting the first
 * broken link, the way verifyAuditLog does for the access log: the database computed each
 * hash on insert ("privet_staff_action_hash") and recomputes it here with the same function.
 */
import type { BrokenLink, ChainVerification } from "../chain/hash.js";
import type { PrismaClient } from "../generated/prisma/client.js";

interface LinkRow {
  readonly id: string;
  readonly chain: string;
  readonly sequence: number;
  readonly problem: BrokenLink["problem"] | null;
}

export async function verifyStaffActionLog(prisma: PrismaClient): Promise<ChainVerification> {
  const links = await prisma.$queryRaw<LinkRow[]>`
    WITH links AS (
      SELECT a."id"::text AS "id", a."staffUserId"::text AS "chain", a."sequence",
        CASE
          WHEN a."sequence" <> COALESCE(lag(a."sequence") OVER w, 0) + 1 THEN 'SEQUENCE_GAP'
          WHEN a."previousHash" IS DISTINCT FROM lag(a."hash") OVER w THEN 'PREVIOUS_HASH_MISMATCH'
          WHEN a."hash" <> "privet_staff_action_hash"(a) THEN 'HASH_MISMATCH'
          WHEN lead(a."sequence") OVER w IS NULL
            AND NOT EXISTS (SELECT 1 FROM "StaffActionChainHead" h
                            WHERE h."staffUserId" = a."staffUserId"
                              AND h."sequence" = a."sequence" AND h."hash" = a."hash")
            THEN 'HEAD_MISMATCH'
        END AS "problem"
      FROM "StaffAction" a
      WINDOW w AS (PARTITION BY a."staffUserId" ORDER BY a."sequence")
    )
    SELECT * FROM links
    ORDER BY ("problem" IS NULL), "chain", "sequence"
    LIMIT 1`;
  const [counted] = await prisma.$queryRaw<{ actions: number }[]>`
    SELECT count(*)::int AS "actions" FROM "StaffAction"`;
  const first = links[0];
  if (!first?.problem) return { ok: true, checked: counted?.actions ?? 0 };
  const [before] = await prisma.$queryRaw<{ actions: number }[]>`
    SELECT count(*)::int AS "actions" FROM "StaffAction"
    WHERE "staffUserId" = ${first.chain}::uuid AND "sequence" < ${first.sequence}`;
  return {
    ok: false,
    checked: before?.actions ?? 0,
    firstBroken: {
      eventId: first.id,
      chain: first.chain,
      sequence: first.sequence,
      problem: first.problem,
    },
  };
}
