/**
 * Verifies hash chains the database linked itself on insert (a BEFORE INSERT trigger, a head
 * table, a SQL hash function): the audit log and the staff action log. It recomputes every
 * hash with the same SQL function, in one pass, and reports the first broken link: a
 * rewritten entry no longer matches its hash, a forged or reordered one its predecessor's, a
 * removed one leaves a sequence gap. Each chain's newest entry is checked against its head: a
 * removed newest entry, or one appended behind the trigger's back, no longer matches it; a
 * missing head, a head with no entries, and a head the trigger had to rebuild are reported
 * too.
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

/** Which chains to verify: filters over the entries (aliased `e`) and the heads (`h`). */
export interface SqlChainScope {
  readonly entries: Prisma.Sql;
  readonly heads: Prisma.Sql;
}

interface LinkRow {
  readonly id: string;
  readonly chain: string;
  readonly sequence: bigint;
  readonly problem: BrokenLink["problem"] | null;
}

const name = (identifier: string) => Prisma.raw(`"${identifier}"`);

/**
 * `only`: WHERE clauses that keep whole chains, to verify some of them (e.g. one reader's)
 * instead of all.
 */
export async function verifySqlChain(
  prisma: PrismaClient,
  chain: SqlChain,
  only: SqlChainScope = { entries: Prisma.empty, heads: Prisma.empty },
): Promise<ChainVerification> {
  const table = name(chain.table);
  const column = name(chain.chainColumn);
  const headColumn = name(chain.headChainColumn);
  // Link problems come before head problems at the same place; a rebuilt head is named as
  // such even when its newest entry no longer matches it (the rebuild is the cause).
  const links = await prisma.$queryRaw<LinkRow[]>`
    WITH links AS (
      SELECT e."id"::text AS "id", e.${column}::text AS "chain", e."sequence", e."hash",
        lead(e."sequence") OVER w IS NULL AS "newest",
        CASE
          WHEN e."sequence" <> COALESCE(lag(e."sequence") OVER w, 0) + 1 THEN 'SEQUENCE_GAP'
          WHEN e."previousHash" IS DISTINCT FROM lag(e."hash") OVER w THEN 'PREVIOUS_HASH_MISMATCH'
          WHEN e."hash" <> ${name(chain.hashFunction)}(e) THEN 'HASH_MISMATCH'
        END AS "problem"
      FROM ${table} e
      ${only.entries}
      WINDOW w AS (PARTITION BY e.${column} ORDER BY e."sequence")
    ),
    heads AS (
      SELECT COALESCE(n."id", '') AS "id", COALESCE(n."chain", h.${headColumn}::text) AS "chain",
        COALESCE(n."sequence", h."sequence") AS "sequence",
        CASE
          WHEN h."sequence" IS NULL THEN 'HEAD_MISSING'
          WHEN n."id" IS NULL THEN 'HEAD_WITHOUT_ENTRIES'
          WHEN h."rebuiltAt" IS NOT NULL THEN 'HEAD_REBUILT'
          WHEN h."sequence" <> n."sequence" OR h."hash" <> n."hash" THEN 'HEAD_MISMATCH'
        END AS "problem"
      FROM (SELECT * FROM links WHERE "newest") n
      FULL JOIN (SELECT * FROM ${name(chain.headTable)} h ${only.heads}) h
        ON h.${headColumn}::text = n."chain"
    )
    SELECT "id", "chain", "sequence", "problem" FROM (
      SELECT "id", "chain", "sequence", "problem", 0 AS "rank" FROM links WHERE "problem" IS NOT NULL
      UNION ALL
      SELECT "id", "chain", "sequence", "problem", 1 AS "rank" FROM heads WHERE "problem" IS NOT NULL
    ) broken
    ORDER BY "chain", "sequence", "rank"
    LIMIT 1`;
  const first = links[0];
  if (!first?.problem) {
    const [counted] = await prisma.$queryRaw<{ entries: bigint }[]>`
      SELECT count(*) AS "entries" FROM ${table} e ${only.entries}`;
    return { ok: true, checked: Number(counted?.entries ?? 0n) };
  }
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
