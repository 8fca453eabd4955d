/**
 * Verifies hash chains the database linked itself on insert (a BEFORE INSERT trigger, a head
 * table, a SQL hash function): the audit log and the staff action log. It recomputes every
 * hash with the same SQL function, in one pass, and reports the first broken link: a
 * rewritten entry no longer matches its hash, a forged or reordered one its predecessor's, a
 * removed one leaves a sequence gap, and a removed newest one no longer matches the head.
 */
import type { BrokenLink, ChainVerification } from "../chain/hash.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";

/** Where a chain lives. Constants of this package only: they are spliced into SQL. */
export interface SqlChain {
  readonly table: string;
  /** The column naming each entry's chain (compared as text). */
  readonly chainColumn: string;
  /** The SQL function recomputing an entry's hash from its row. */
  readonly hashFunction: string;
  readonly headTable: string;
  /** The head table's column holding the chain it heads. */
  readonly headChainColumn: string;
}

interface LinkRow {
  readonly id: string;
  readonly chain: string;
  readonly sequence: bigint;
  readonly problem: BrokenLink["problem"] | null;
}

const name = (identifier: string) => Prisma.raw(`"${identifier}"`);

/**
 * `only`: a WHERE clause over the entries (aliased `e`) that keeps whole chains, to verify
 * some of them (e.g. one reader's) instead of all.
 */
export async function verifySqlChain(
  prisma: PrismaClient,
  chain: SqlChain,
  only: Prisma.Sql = Prisma.empty,
): Promise<ChainVerification> {
  const table = name(chain.table);
  const column = name(chain.chainColumn);
  const links = await prisma.$queryRaw<LinkRow[]>`
    WITH links AS (
      SELECT e."id"::text AS "id", e.${column}::text AS "chain", e."sequence",
        CASE
          WHEN e."sequence" <> COALESCE(lag(e."sequence") OVER w, 0) + 1 THEN 'SEQUENCE_GAP'
          WHEN e."previousHash" IS DISTINCT FROM lag(e."hash") OVER w THEN 'PREVIOUS_HASH_MISMATCH'
          WHEN e."hash" <> ${name(chain.hashFunction)}(e) THEN 'HASH_MISMATCH'
          WHEN lead(e."sequence") OVER w IS NULL
            AND NOT EXISTS (SELECT 1 FROM ${name(chain.headTable)} h
                            WHERE h.${name(chain.headChainColumn)} = e.${column}
                              AND h."sequence" = e."sequence" AND h."hash" = e."hash")
            THEN 'HEAD_MISMATCH'
        END AS "problem"
      FROM ${table} e
      ${only}
      WINDOW w AS (PARTITION BY e.${column} ORDER BY e."sequence")
    )
    SELECT * FROM links
    ORDER BY ("problem" IS NULL), "chain", "sequence"
    LIMIT 1`;
  const [counted] = await prisma.$queryRaw<{ entries: bigint }[]>`
    SELECT count(*) AS "entries" FROM ${table} e ${only}`;
  const first = links[0];
  if (!first?.problem) return { ok: true, checked: Number(counted?.entries ?? 0n) };
  // Entries before the broken link in its chain verified; report how many.
  const [before] = await prisma.$queryRaw<{ entries: bigint }[]>`
    SELECT count(*) AS "entries" FROM ${table} e
    WHERE e.${column}::text = ${first.chain} AND e."sequence" < ${first.sequence}`;
  return {
    ok: false,
    checked: Number(before?.entries ?? 0n),
    firstBroken: {
      eventId: first.id,
      chain: first.chain,
      sequence: Number(first.sequence),
      problem: first.problem,
    },
  };
}
