/**
 * Verifies one history's hash chains in the database, in batches of sequence ranges, so the
 * work is linear in the entries read: each batch is an index range scan over the unique
 * (chain, sequence) index, hashes recomputed by the history's SQL function, links checked with
 * lag() inside the range. Only a range's first and last entries and broken ones come back;
 * JavaScript carries each chain's last verified link from one range to the next.
 *
 * - full: every chain from its first entry (the CLI, scoped verifications).
 * - from checkpoints: only chains whose head moved since their checkpoint, from the
 *   checkpointed entry on (which must still carry the checkpointed hash).
 * Each chain's newest entry is then checked against its head, as verify-sql-chain.ts did.
 * A chain whose oldest months were archived (retention/archive.ts) starts at its archive
 * anchor, the newest archived entry: the first live entry must continue it. The entries
 * before it are counted as the anchor's (as a checkpoint's are), and verified in the
 * archive's files (retention/verify-archive.ts).
 */
import type { BrokenLink, ChainProblem, ChainVerification } from "../chain/hash.js";
import { Prisma } from "../generated/prisma/client.js";
import type { History } from "./histories.js";

/** Sequences per range and entries per batch: bounded memory, and a progress tick each. */
export const DEFAULT_BATCH = 20_000;
const MAX_SEQUENCE = "9223372036854775807";

/** Conditions (not WHERE clauses) keeping whole chains: entries aliased `e`, heads `h`. */
export interface HistoryScope {
  readonly entries: Prisma.Sql;
  readonly heads: Prisma.Sql;
}

export interface VerifyHistoryOptions {
  /** Start each chain at its stored checkpoint (ChainCheckpoint) instead of its first entry. */
  readonly fromCheckpoints?: boolean;
  /**
   * With fromCheckpoints: the entries all the checkpoints cover (their seal's count), which
   * spares counting those of the chains with nothing new.
   */
  readonly checkpointedEntries?: bigint;
  readonly scope?: HistoryScope;
  readonly batch?: number;
  /** Entries verified so far, of about `total`. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A chain verified to its head: where its checkpoint may move to. */
export interface VerifiedChain {
  readonly chain: string;
  readonly sequence: bigint;
  readonly hash: string;
}

export interface HistoryVerification {
  readonly result: ChainVerification;
  /** Chains whose every link and head verified in this run (their new checkpoints). */
  readonly verified: readonly VerifiedChain[];
  /** Entries whose hash was recomputed in this run. */
  readonly entriesRead: number;
}

interface ChainRow {
  readonly chain: string;
  readonly newest: bigint | null;
  readonly headSequence: bigint | null;
  readonly headHash: string | null;
  readonly rebuilt: boolean;
  readonly checkpointSequence: bigint | null;
  readonly checkpointHash: string | null;
  readonly archivedSequence: bigint | null;
  readonly archivedHash: string | null;
}

interface LinkRow {
  readonly i: bigint;
  readonly id: string;
  readonly sequence: bigint;
  readonly hash: string;
  readonly previousHash: string | null;
  readonly hashOk: boolean;
  readonly n: bigint;
  readonly total: bigint;
  readonly problem: ChainProblem | null;
}

interface ChainState {
  readonly row: ChainRow;
  lastSequence: bigint;
  lastHash: string | null;
  lastId: string;
  /**
   * Where the chain is taken up (0: its first entry): the checkpointed sequence, which must be
   * met again with the same hash, or the archive anchor, whose entry is gone (seen already).
   */
  readonly anchor: bigint;
  anchorSeen: boolean;
  /** Entries verified (a checkpoint counts for the entries it covers). */
  checked: number;
  broken: BrokenLink | null;
  brokenChecked: number;
  /** Entries verified before the current range's second entry, less one: n - 1 + this. */
  rangeBase: number;
}

interface Range {
  readonly state: ChainState;
  readonly lo: bigint;
  readonly hi: string;
}

/** A client or an open transaction (verifications run in one snapshot: see verify-all.ts). */
export type Queryable = Pick<Prisma.TransactionClient, "$queryRaw">;

const everything: HistoryScope = { entries: Prisma.sql`true`, heads: Prisma.sql`true` };

export async function verifyHistory(
  prisma: Queryable,
  history: History,
  options: VerifyHistoryOptions = {},
): Promise<HistoryVerification> {
  const batch = options.batch ?? DEFAULT_BATCH;
  const chains = options.fromCheckpoints
    ? await chainsSinceCheckpoints(prisma, history)
    : await allChains(prisma, history, options.scope ?? everything);
  const states = chains.map((row): ChainState => {
    const checkpoint = row.checkpointSequence ?? 0n;
    const archived = row.archivedSequence ?? 0n;
    // A checkpoint at or before the archive anchor names an entry that was archived.
    const fromArchive = archived > 0n && archived >= checkpoint;
    const anchor = fromArchive ? archived : checkpoint;
    return {
      row,
      lastSequence: anchor,
      lastHash: fromArchive ? row.archivedHash : row.checkpointHash,
      lastId: "",
      anchor,
      anchorSeen: anchor === 0n || fromArchive,
      checked: Number(anchor),
      broken: null,
      brokenChecked: 0,
      rangeBase: 0,
    };
  });

  const ranges = splitIntoRanges(states, batch);
  const total = ranges.reduce((sum, range) => sum + estimate(range), 0);
  let done = 0;
  let entriesRead = 0;
  for (const group of groupRanges(ranges, batch)) {
    // Each range is an index range scan. With thousands of small ranges in a batch (one-event
    // consent chains) the planner would rather sort and merge the whole table against them,
    // once per batch: quadratic as the ledger grows. Joins other than the nested loop are off
    // for this statement only (set_config(…, true) lasts until the snapshot ends; reset after).
    await joinByIndex(prisma, true);
    const rows = await readLinks(prisma, history, group);
    await joinByIndex(prisma, false);
    for (const link of rows) {
      const range = group[Number(link.i) - 1];
      if (range) entriesRead += takeLink(range.state, link);
    }
    done += group.reduce((sum, range) => sum + estimate(range), 0);
    options.onProgress?.(Math.min(done, total), total);
  }

  for (const state of states) checkHead(state);
  const untouched = !options.fromCheckpoints
    ? 0
    : options.checkpointedEntries !== undefined
      ? Number(options.checkpointedEntries) - states.reduce((sum, s) => sum + Number(s.anchor), 0)
      : await checkpointedElsewhere(prisma, history);
  const first = states.find((state) => state.broken);
  const verified = states
    .filter((state) => !state.broken && state.lastSequence > 0n && state.lastHash)
    .map((state) => ({
      chain: state.row.chain,
      sequence: state.lastSequence,
      hash: state.lastHash as string,
    }));
  if (first?.broken) {
    return {
      result: { ok: false, checked: first.brokenChecked, firstBroken: first.broken },
      verified,
      entriesRead,
    };
  }
  // A checkpoint counts for the entries it covers: in `checked` of the chains read, and in
  // `untouched` for those that had nothing new.
  const checked = states.reduce((sum, state) => sum + state.checked, 0);
  return { result: { ok: true, checked: untouched + checked }, verified, entriesRead };
}

/** Every chain in scope: those with entries and those with only a head. */
function allChains(prisma: Queryable, history: History, scope: HistoryScope) {
  return prisma.$queryRaw<ChainRow[]>`
    WITH entries AS (
      SELECT ${history.chainOfEntry} AS "chain", max(e."sequence") AS "newest"
      FROM ${history.table} e WHERE ${scope.entries}
      GROUP BY ${history.chainColumns}
    ),
    heads AS (
      SELECT ${history.chainOfHead} AS "chain", h."sequence", h."hash", h."rebuiltAt"
      FROM ${history.headTable} h WHERE ${scope.heads}
    )
    SELECT COALESCE(n."chain", h."chain") AS "chain", n."newest",
      h."sequence" AS "headSequence", h."hash" AS "headHash",
      h."rebuiltAt" IS NOT NULL AS "rebuilt",
      NULL::bigint AS "checkpointSequence", NULL::text AS "checkpointHash",
      a."sequence" AS "archivedSequence", a."hash" AS "archivedHash"
    FROM entries n FULL JOIN heads h ON h."chain" = n."chain"
    LEFT JOIN "HistoryArchiveAnchor" a
      ON a."history" = ${history.name} AND a."chain" = COALESCE(n."chain", h."chain")
    ORDER BY COALESCE(n."chain", h."chain") COLLATE "C"`;
}

/**
 * Chains whose head is not where their checkpoint is (moved on, rebuilt, missing), and new
 * chains. A chain whose head still equals its checkpoint has nothing new to verify.
 */
function chainsSinceCheckpoints(prisma: Queryable, history: History) {
  return prisma.$queryRaw<ChainRow[]>`
    WITH heads AS (
      SELECT ${history.chainOfHead} AS "chain", h."sequence", h."hash", h."rebuiltAt"
      FROM ${history.headTable} h
    ),
    checkpoints AS (
      SELECT c."chain", c."sequence", c."hash" FROM "ChainCheckpoint" c
      WHERE c."history" = ${history.name}
    )
    SELECT COALESCE(h."chain", c."chain") AS "chain", NULL::bigint AS "newest",
      h."sequence" AS "headSequence", h."hash" AS "headHash",
      h."rebuiltAt" IS NOT NULL AS "rebuilt",
      c."sequence" AS "checkpointSequence", c."hash" AS "checkpointHash",
      a."sequence" AS "archivedSequence", a."hash" AS "archivedHash"
    FROM heads h FULL JOIN checkpoints c ON c."chain" = h."chain"
    LEFT JOIN "HistoryArchiveAnchor" a
      ON a."history" = ${history.name} AND a."chain" = COALESCE(h."chain", c."chain")
    WHERE h."chain" IS NULL OR c."chain" IS NULL OR h."rebuiltAt" IS NOT NULL
      OR h."sequence" <> c."sequence" OR h."hash" <> c."hash"
    ORDER BY COALESCE(h."chain", c."chain") COLLATE "C"`;
}

/** Entries covered by the checkpoints of chains that had nothing new. */
async function checkpointedElsewhere(prisma: Queryable, history: History): Promise<number> {
  const [row] = await prisma.$queryRaw<{ entries: bigint | null }[]>`
    SELECT sum(c."sequence")::bigint AS "entries"
    FROM "ChainCheckpoint" c
    JOIN ${history.headTable} h ON ${history.chainOfHead} = c."chain"
    WHERE c."history" = ${history.name} AND h."rebuiltAt" IS NULL
      AND h."sequence" = c."sequence" AND h."hash" = c."hash"`;
  return Number(row?.entries ?? 0n);
}

/**
 * A chain's entries from its anchor (or 1) in ranges of `batch` sequences; neighbouring
 * ranges share their boundary entry, so each range's first entry is the link already
 * verified. The last range is open-ended: entries beyond the head are read too.
 */
function splitIntoRanges(states: readonly ChainState[], batch: number): Range[] {
  const ranges: Range[] = [];
  const step = BigInt(batch);
  for (const state of states) {
    const start = state.anchor > 0n ? state.anchor : 1n;
    const newest = [state.row.newest, state.row.headSequence, start].reduce<bigint>(
      (max, value) => (value !== null && value > max ? value : max),
      start,
    );
    let lo = start;
    while (newest - lo > step) {
      ranges.push({ state, lo, hi: String(lo + step) });
      lo += step;
    }
    ranges.push({ state, lo, hi: MAX_SEQUENCE });
  }
  return ranges;
}

function estimate(range: Range): number {
  const newest = range.state.row.newest ?? range.state.row.headSequence ?? range.lo;
  const hi = range.hi === MAX_SEQUENCE ? newest : BigInt(range.hi);
  return Math.max(Number(hi - range.lo) + 1, 1);
}

/** Ranges into batches of about `batch` entries (many small chains share one query). */
function* groupRanges(ranges: readonly Range[], batch: number): Generator<Range[]> {
  let group: Range[] = [];
  let size = 0;
  for (const range of ranges) {
    group.push(range);
    size += estimate(range);
    if (size >= batch) {
      yield group;
      group = [];
      size = 0;
    }
  }
  if (group.length > 0) yield group;
}

function readLinks(prisma: Queryable, history: History, group: readonly Range[]) {
  const chains = group.map((range) => range.state.row.chain);
  const los = group.map((range) => String(range.lo));
  const his = group.map((range) => range.hi);
  return prisma.$queryRaw<LinkRow[]>`
    WITH r AS (
      SELECT * FROM unnest(${chains}::text[], ${los}::text[], ${his}::text[])
        WITH ORDINALITY AS r("chain", "lo", "hi", "i")
    ),
    entries AS (
      SELECT r."i", e."id"::text AS "id", e."sequence", e."hash", e."previousHash",
        e."hash" = ${history.hashFunction}(e) AS "hashOk"
      FROM r JOIN ${history.table} e
        ON ${history.entryInRange}
        AND e."sequence" BETWEEN r."lo"::bigint AND r."hi"::bigint
    ),
    links AS (
      SELECT x.*, row_number() OVER w AS "n", count(*) OVER (PARTITION BY x."i") AS "total",
        lead(x."sequence") OVER w IS NULL AS "last",
        lag(x."sequence") OVER w AS "previousSequence",
        lag(x."hash") OVER w AS "previousLink"
      FROM entries x
      WINDOW w AS (PARTITION BY x."i" ORDER BY x."sequence")
    ),
    checked AS (
      SELECT l.*,
        CASE
          WHEN l."n" = 1 THEN NULL
          WHEN l."sequence" <> l."previousSequence" + 1 THEN 'SEQUENCE_GAP'
          WHEN l."previousHash" IS DISTINCT FROM l."previousLink" THEN 'PREVIOUS_HASH_MISMATCH'
          WHEN NOT l."hashOk" THEN 'HASH_MISMATCH'
        END AS "problem"
      FROM links l
    )
    SELECT "i", "id", "sequence", "hash", "previousHash", "hashOk", "n", "total", "problem"
    FROM checked
    WHERE "n" = 1 OR "last" OR "problem" IS NOT NULL
    ORDER BY "i", "sequence"`;
}

async function joinByIndex(prisma: Queryable, only: boolean): Promise<void> {
  const setting = only ? "off" : "on";
  await prisma.$queryRaw`SELECT set_config('enable_mergejoin', ${setting}, true),
    set_config('enable_hashjoin', ${setting}, true)`;
}

/** Applies one returned link to its chain; returns the entries it accounts for. */
function takeLink(state: ChainState, link: LinkRow): number {
  if (state.broken) return 0;
  const fail = (problem: ChainProblem, checked: number, at = link) => {
    state.broken = {
      eventId: at.id,
      chain: state.row.chain,
      sequence: Number(at.sequence),
      problem,
    };
    state.brokenChecked = checked;
  };
  let read = 0;
  if (link.n === 1n) {
    const total = Number(link.total);
    const isAnchor = state.lastSequence > 0n && link.sequence === state.lastSequence;
    read = isAnchor ? total - 1 : total;
    if (isAnchor) {
      const checkpointed = link.sequence === state.anchor && !state.anchorSeen;
      state.anchorSeen = true;
      if (link.hash !== state.lastHash || !link.hashOk) {
        fail(checkpointed ? "CHECKPOINT_MISMATCH" : "HASH_MISMATCH", state.checked - 1);
        return read;
      }
    } else if (!state.anchorSeen) {
      // The checkpointed entry is gone: the chain was cut back (and maybe regrown).
      state.broken = {
        eventId: "",
        chain: state.row.chain,
        sequence: Number(state.anchor),
        problem: "CHECKPOINT_MISMATCH",
      };
      state.brokenChecked = Number(state.anchor) - 1;
      return read;
    } else {
      const problem =
        link.sequence !== state.lastSequence + 1n
          ? "SEQUENCE_GAP"
          : link.previousHash !== state.lastHash
            ? "PREVIOUS_HASH_MISMATCH"
            : !link.hashOk
              ? "HASH_MISMATCH"
              : null;
      if (problem) {
        fail(problem, state.checked);
        return read;
      }
    }
    // Every entry of the range counts now; a break later in it counts only those before it:
    // n - 1 of the range's entries, less the shared first one.
    state.rangeBase = state.checked - (isAnchor ? 1 : 0);
    state.checked += read;
  } else if (link.problem) {
    fail(link.problem, state.rangeBase + Number(link.n) - 1);
    return 0;
  }
  state.lastSequence = link.sequence;
  state.lastHash = link.hash;
  state.lastId = link.id;
  return read;
}

/** After its links: the chain's checkpoint was met, and its newest entry is its head. */
function checkHead(state: ChainState): void {
  if (state.broken) return;
  const { row } = state;
  const at = (problem: ChainProblem, eventId: string, sequence: bigint, checked: number) => {
    state.broken = { eventId, chain: row.chain, sequence: Number(sequence), problem };
    state.brokenChecked = checked;
  };
  if (!state.anchorSeen) {
    at("CHECKPOINT_MISMATCH", "", state.anchor, Number(state.anchor) - 1);
  } else if (row.headSequence === null) {
    if (state.lastSequence > 0n) {
      at("HEAD_MISSING", state.lastId, state.lastSequence, Math.max(state.checked - 1, 0));
    }
  } else if (state.lastSequence === 0n) {
    at("HEAD_WITHOUT_ENTRIES", "", row.headSequence, 0);
  } else if (row.rebuilt) {
    at("HEAD_REBUILT", state.lastId, state.lastSequence, Math.max(state.checked - 1, 0));
  } else if (row.headSequence !== state.lastSequence || row.headHash !== state.lastHash) {
    at("HEAD_MISMATCH", state.lastId, state.lastSequence, Math.max(state.checked - 1, 0));
  }
}
