/**
 * Retention: archiving whole months of the audit log and the staff action log to files, then
 * dropping their partitions (`npm run db:archive`; docs/retention.md says when and how).
 *
 * The chains stay verifiable across the cut:
 * - before anything leaves, both histories are verified from their first live entries;
 *   a broken chain stops the archive (investigate first: an archive would drop the evidence);
 * - a month's file holds, for every chain with entries in that month, the chain's run from
 *   the entry after its previous anchor up to its newest entry of the month, exactly as stored
 *   (`row_to_json`), ordered by chain and sequence. An entry written just after the month's
 *   end but linked before one of the month's own (two requests crossing midnight) is copied
 *   into that run too, so every run is whole; it stays in the live table, before the anchor,
 *   where the verifier no longer reads it;
 * - each chain's anchor (HistoryArchiveAnchor) moves to its newest archived entry, and the
 *   verifier takes the live chain up from it (verification/verify-history.ts);
 * - a manifest beside each file gives the runs' ends and the file's SHA-256, which the
 *   database keeps too (HistoryArchive); verify-archive.ts checks files, runs, anchors and
 *   the live chains together.
 * One transaction per history and month: the month's partition is locked against writes
 * (none are expected: only months that ended over a month ago are archived), its entries are
 * written to the file and synced, the anchors and the register row are written, and the
 * partition is dropped. A failure leaves the month in the database; running again redoes it.
 */
import { createHash } from "node:crypto";
import { mkdir, open, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { histories } from "../verification/histories.js";
import { inSnapshot } from "../verification/snapshot.js";
import { type Queryable, verifyHistory } from "../verification/verify-history.js";
import {
  ARCHIVABLE_HISTORIES,
  type ArchivableHistory,
  addMonths,
  isMonth,
  listHistoryPartitions,
  type Month,
  monthOf,
  monthStart,
  PARTITIONED_TABLES,
  partitionName,
} from "./partitions.js";

export const ARCHIVE_FORMAT = "privet-history-archive/1";

/**
 * How each archivable history's entries are read for the file (constants, spliced into SQL),
 * and which field of an archived line names its chain. Its row type and hash function are the
 * verifier's (verification/histories.ts).
 */
export const archiveSources: Record<
  ArchivableHistory,
  {
    readonly table: string;
    readonly chain: Prisma.Sql;
    readonly sameChain: Prisma.Sql;
    readonly chainField: "chain" | "staffUserId";
  }
> = {
  AUDIT_LOG: {
    table: "AccessRecord",
    chain: Prisma.raw(`e."chain"`),
    sameChain: Prisma.raw(`e."chain" = m."chain"`),
    chainField: "chain",
  },
  STAFF_ACTIONS: {
    table: "StaffAction",
    chain: Prisma.raw(`e."staffUserId"::text`),
    sameChain: Prisma.raw(`e."staffUserId" = m."chain"::uuid`),
    chainField: "staffUserId",
  },
};

export class ArchiveError extends Error {
  override readonly name = "ArchiveError";
}

/** One chain's run in a month's file. */
export interface ArchivedRun {
  readonly chain: string;
  readonly firstSequence: string;
  readonly firstPreviousHash: string | null;
  readonly lastSequence: string;
  readonly lastHash: string;
}

export interface ArchiveManifest {
  readonly format: typeof ARCHIVE_FORMAT;
  readonly history: ArchivableHistory;
  readonly month: Month;
  readonly file: string;
  readonly entries: number;
  readonly sha256: string;
  readonly archivedAt: string;
  readonly runs: readonly ArchivedRun[];
}

export interface ArchiveOptions {
  /** Months before this one are archived; it must be at most the month before now's. */
  readonly before: Month;
  /** The folder the files are written to (made if missing). */
  readonly dir: string;
  readonly now?: Date;
  /** Entries per query while writing a file. */
  readonly batch?: number;
}

export interface ArchivedMonth {
  readonly history: ArchivableHistory;
  readonly month: Month;
  readonly entries: number;
  readonly chains: number;
  readonly file: string;
}

const BATCH = 5_000;
/** A month of a large log takes a while to write out. */
const ARCHIVE_TIMEOUT_MS = 60 * 60_000;

export function manifestName(history: ArchivableHistory, month: Month): string {
  return `${history}-${month}.manifest.json`;
}

export function entriesName(history: ArchivableHistory, month: Month): string {
  return `${history}-${month}.jsonl`;
}

/** Archives every month before `before` that is still in the database, oldest first. */
export async function archiveHistories(
  prisma: PrismaClient,
  options: ArchiveOptions,
): Promise<ArchivedMonth[]> {
  const now = options.now ?? new Date();
  if (!isMonth(options.before)) {
    throw new ArchiveError(`"${options.before}" is not a month: write it as YYYY-MM.`);
  }
  const latest = addMonths(monthOf(now), -1);
  if (options.before > latest) {
    throw new ArchiveError(
      `Months before ${options.before} cannot be archived yet: only months that ended over a month ago can (archive before ${latest} at the latest).`,
    );
  }
  await refuseStraysInDefault(prisma, options.before);
  await refuseBrokenChains(prisma);
  await mkdir(options.dir, { recursive: true });

  const partitions = await listHistoryPartitions(prisma);
  const archived: ArchivedMonth[] = [];
  for (const history of ARCHIVABLE_HISTORIES) {
    const [table] = PARTITIONED_TABLES[history];
    const months = partitions
      .filter((p) => p.table === table && p.month !== null && p.month < options.before)
      .map((p) => p.month as Month);
    for (const month of months) {
      archived.push(await archiveMonth(prisma, history, month, options.dir, now, options.batch));
    }
  }
  return archived;
}

/** Entries before the cut that sit in a DEFAULT partition would stay behind: say so first. */
async function refuseStraysInDefault(prisma: PrismaClient, before: Month): Promise<void> {
  for (const history of ARCHIVABLE_HISTORIES) {
    const { table } = archiveSources[history];
    const [row] = await prisma.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS "count" FROM ${Prisma.raw(`"${table}_default"`)}
      WHERE "occurredAt" < ${monthStart(before)}`;
    if (row && row.count > 0n) {
      throw new ArchiveError(
        `${row.count} entries of ${table} before ${before} are in its default partition (their month had no partition when they were written), so they cannot be archived by month. Keep them, or move them into a month's partition by hand first (docs/retention.md).`,
      );
    }
  }
}

async function refuseBrokenChains(prisma: PrismaClient): Promise<void> {
  for (const history of ARCHIVABLE_HISTORIES) {
    const { result } = await inSnapshot(prisma, (snapshot) =>
      verifyHistory(snapshot, histories[history]),
    );
    if (!result.ok) {
      const broken = result.firstBroken;
      throw new ArchiveError(
        `Nothing was archived: ${history} does not verify (chain ${broken.chain}, entry ${broken.sequence}: ${broken.problem}). Archiving would drop the evidence; investigate with npm run db:verify first.`,
      );
    }
  }
}

async function archiveMonth(
  prisma: PrismaClient,
  history: ArchivableHistory,
  month: Month,
  dir: string,
  now: Date,
  batch = BATCH,
): Promise<ArchivedMonth> {
  const source = archiveSources[history];
  const monthTable = Prisma.raw(`"${partitionName(source.table, month)}"`);
  const file = entriesName(history, month);
  return prisma.$transaction(
    async (tx) => {
      // No entry may land in the month while it is written out (SHARE blocks writers only).
      await tx.$executeRaw`LOCK TABLE ${monthTable} IN SHARE MODE`;
      const written = await writeEntries(tx, history, monthTable, join(dir, file), batch);
      const manifest: ArchiveManifest = {
        format: ARCHIVE_FORMAT,
        history,
        month,
        file,
        entries: written.entries,
        sha256: written.sha256,
        archivedAt: now.toISOString(),
        runs: written.runs,
      };
      await writeDurably(
        join(dir, manifestName(history, month)),
        `${JSON.stringify(manifest, null, 2)}\n`,
      );
      await moveAnchors(tx, history, month, written.runs);
      await tx.$executeRaw`
        INSERT INTO "HistoryArchive" ("history", "month", "file", "entries", "sha256", "archivedAt")
        VALUES (${history}, ${month}, ${file}, ${written.entries}, ${written.sha256}, ${now})`;
      for (const table of PARTITIONED_TABLES[history]) {
        await tx.$executeRaw`DROP TABLE IF EXISTS ${Prisma.raw(`"${partitionName(table, month)}"`)}`;
      }
      return { history, month, entries: written.entries, chains: written.runs.length, file };
    },
    { maxWait: 60_000, timeout: ARCHIVE_TIMEOUT_MS },
  );
}

interface LineRow {
  readonly chain: string;
  readonly sequence: bigint;
  readonly hash: string;
  readonly previousHash: string | null;
  readonly line: string;
}

/**
 * Writes the month's runs to `path` (through a temporary file, synced, then renamed), in
 * batches by (chain, sequence); returns the runs' ends, the count and the SHA-256.
 */
async function writeEntries(
  tx: Queryable,
  history: ArchivableHistory,
  monthTable: Prisma.Sql,
  path: string,
  batch: number,
): Promise<{ entries: number; sha256: string; runs: ArchivedRun[] }> {
  const source = archiveSources[history];
  const temporary = `${path}.partial`;
  const handle = await open(temporary, "w");
  const digest = createHash("sha256");
  const runs: ArchivedRun[] = [];
  let entries = 0;
  let after: { chain: string; sequence: bigint } = { chain: "", sequence: 0n };
  try {
    for (;;) {
      const rows = await tx.$queryRaw<LineRow[]>`
        WITH m AS (
          SELECT ${source.chain} AS "chain", max(e."sequence") AS "upto"
          FROM ${monthTable} e GROUP BY 1
        )
        SELECT m."chain", e."sequence", e."hash", e."previousHash", row_to_json(e)::text AS "line"
        FROM m
        JOIN ${Prisma.raw(`"${source.table}"`)} e ON ${source.sameChain}
          AND e."sequence" <= m."upto"
          AND e."sequence" > COALESCE((SELECT a."sequence" FROM "HistoryArchiveAnchor" a
            WHERE a."history" = ${history} AND a."chain" = m."chain"), 0)
        WHERE (m."chain" COLLATE "C", e."sequence") > (${after.chain} COLLATE "C", ${after.sequence})
        ORDER BY m."chain" COLLATE "C", e."sequence"
        LIMIT ${batch}`;
      if (rows.length === 0) break;
      const text = rows.map((row) => `${row.line}\n`).join("");
      digest.update(text);
      await handle.write(text);
      for (const row of rows) {
        const last = runs.at(-1);
        if (last && last.chain === row.chain) {
          runs[runs.length - 1] = {
            ...last,
            lastSequence: String(row.sequence),
            lastHash: row.hash,
          };
        } else {
          runs.push({
            chain: row.chain,
            firstSequence: String(row.sequence),
            firstPreviousHash: row.previousHash,
            lastSequence: String(row.sequence),
            lastHash: row.hash,
          });
        }
      }
      entries += rows.length;
      const last = rows.at(-1) as LineRow;
      after = { chain: last.chain, sequence: last.sequence };
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  return { entries, sha256: digest.digest("hex"), runs };
}

async function writeDurably(path: string, text: string): Promise<void> {
  await writeFile(`${path}.partial`, text);
  const handle = await open(`${path}.partial`, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(`${path}.partial`, path);
}

async function moveAnchors(
  tx: Queryable,
  history: ArchivableHistory,
  month: Month,
  runs: readonly ArchivedRun[],
): Promise<void> {
  for (let start = 0; start < runs.length; start += BATCH) {
    const part = runs.slice(start, start + BATCH);
    await tx.$queryRaw`
      INSERT INTO "HistoryArchiveAnchor" ("history", "chain", "sequence", "hash", "month")
      SELECT ${history}, r."chain", r."sequence"::bigint, r."hash", ${month}
      FROM unnest(${part.map((r) => r.chain)}::text[], ${part.map((r) => r.lastSequence)}::text[],
        ${part.map((r) => r.lastHash)}::text[]) AS r("chain", "sequence", "hash")
      ON CONFLICT ("history", "chain") DO UPDATE SET "sequence" = EXCLUDED."sequence",
        "hash" = EXCLUDED."hash", "month" = EXCLUDED."month"`;
  }
}
