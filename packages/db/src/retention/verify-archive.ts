/**
 * Verifies a history archive folder against the database (`npm run db:archive -- --verify`):
 * - every month the database says it archived (HistoryArchive) has its file and manifest in
 *   the folder, and the file's SHA-256 is the one recorded;
 * - every entry's hash is recomputed by the database's own hash function (the entry as
 *   stored, read back with jsonb_populate_record: no second implementation to disagree), and
 *   every chain links from its first entry (sequence 1, no previous hash) across the months'
 *   files in order;
 * - where each chain's archived part ends is exactly its anchor in the database;
 * - the live part of each chain continues from its anchor (the verifier, from the anchors).
 * Nothing is written. Problems are returned in words, at most MAX_PROBLEMS of them.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { PrismaClient } from "../generated/prisma/client.js";
import { histories } from "../verification/histories.js";
import { inSnapshot } from "../verification/snapshot.js";
import { verifyHistory } from "../verification/verify-history.js";
import { ARCHIVE_FORMAT, type ArchiveManifest, archiveSources, manifestName } from "./archive.js";
import { ARCHIVABLE_HISTORIES, type ArchivableHistory, type Month } from "./partitions.js";

export interface ArchiveVerification {
  readonly ok: boolean;
  /** Archived entries whose hash and link were checked. */
  readonly archivedEntries: number;
  /** Live entries the verifier checked from the anchors (archived ones included in its count). */
  readonly liveChecked: number;
  readonly problems: readonly string[];
}

const MAX_PROBLEMS = 20;
const BATCH = 2_000;

/** The chain an archived line (an entry as `row_to_json` wrote it) belongs to. */
const chainOf = (history: ArchivableHistory, row: Record<string, unknown>): string =>
  String(row[archiveSources[history].chainField]);

interface ChainEnd {
  sequence: number;
  hash: string;
}

export async function verifyArchive(
  prisma: PrismaClient,
  dir: string,
): Promise<ArchiveVerification> {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  let archivedEntries = 0;
  let liveChecked = 0;
  for (const history of ARCHIVABLE_HISTORIES) {
    const months = await prisma.$queryRaw<{ month: Month; sha256: string; entries: bigint }[]>`
      SELECT "month", "sha256", "entries" FROM "HistoryArchive"
      WHERE "history" = ${history} ORDER BY "month"`;
    const ends = new Map<string, ChainEnd>();
    for (const registered of months) {
      const manifest = await readManifest(dir, history, registered.month);
      if (typeof manifest === "string") {
        problem(manifest);
        continue;
      }
      if (manifest.sha256 !== registered.sha256) {
        problem(
          `${history} ${registered.month}: the manifest's SHA-256 is not the one the database recorded when it archived the month.`,
        );
      }
      const checked = await verifyMonthFile(prisma, dir, history, manifest, ends, problem);
      if (checked.sha256 !== registered.sha256) {
        problem(
          `${history} ${registered.month}: ${manifest.file} is not the file that was archived (its SHA-256 differs).`,
        );
      }
      if (checked.entries !== Number(registered.entries)) {
        problem(
          `${history} ${registered.month}: ${manifest.file} holds ${checked.entries} entries; ${registered.entries} were archived.`,
        );
      }
      archivedEntries += checked.entries;
    }
    await compareAnchors(prisma, history, ends, problem);
    const { result } = await inSnapshot(prisma, (snapshot) =>
      verifyHistory(snapshot, histories[history]),
    );
    liveChecked += result.checked;
    if (!result.ok) {
      const broken = result.firstBroken;
      problem(
        `${history}: the live chain ${broken.chain} does not verify at entry ${broken.sequence} (${broken.problem}).`,
      );
    }
  }
  return { ok: problems.length === 0, archivedEntries, liveChecked, problems };
}

async function readManifest(
  dir: string,
  history: ArchivableHistory,
  month: Month,
): Promise<ArchiveManifest | string> {
  const name = manifestName(history, month);
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, name), "utf8")) as ArchiveManifest;
  } catch {
    return `${history} ${month}: ${name} is missing from ${dir} or is not JSON.`;
  }
  if (
    manifest.format !== ARCHIVE_FORMAT ||
    manifest.history !== history ||
    manifest.month !== month
  ) {
    return `${history} ${month}: ${name} is not this month's manifest.`;
  }
  return manifest;
}

/** Reads one month's file: its SHA-256, every entry's hash, and every link. */
async function verifyMonthFile(
  prisma: PrismaClient,
  dir: string,
  history: ArchivableHistory,
  manifest: ArchiveManifest,
  ends: Map<string, ChainEnd>,
  problem: (text: string) => void,
): Promise<{ sha256: string; entries: number }> {
  const digest = createHash("sha256");
  let entries = 0;
  let pending: string[] = [];
  const where = `${history} ${manifest.month}`;
  const flush = async () => {
    if (pending.length === 0) return;
    const bad = await recomputeHashes(prisma, history, pending);
    for (const index of bad) {
      const row = JSON.parse(pending[index] as string) as Record<string, unknown>;
      problem(
        `${where}: entry ${String(row.sequence)} of chain ${chainOf(history, row)} does not match its hash.`,
      );
    }
    pending = [];
  };
  let stream: AsyncIterable<string>;
  try {
    stream = createInterface({
      input: createReadStream(join(dir, manifest.file)),
      crlfDelay: Infinity,
    });
    for await (const line of stream) {
      digest.update(`${line}\n`);
      entries += 1;
      const row = JSON.parse(line) as Record<string, unknown>;
      const chain = chainOf(history, row);
      const sequence = Number(row.sequence);
      const previous = ends.get(chain);
      const expected = previous ? previous.sequence + 1 : 1;
      const previousHash = (row.previousHash as string | null) ?? null;
      if (sequence !== expected) {
        problem(`${where}: chain ${chain} goes from entry ${expected - 1} to ${sequence}.`);
      } else if (previousHash !== (previous?.hash ?? null)) {
        problem(
          `${where}: entry ${sequence} of chain ${chain} does not link to the entry before it.`,
        );
      }
      ends.set(chain, { sequence, hash: String(row.hash) });
      pending.push(line);
      if (pending.length >= BATCH) await flush();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      problem(`${where}: ${manifest.file} is missing from ${dir}.`);
      return { sha256: "", entries: 0 };
    }
    throw error;
  }
  await flush();
  return { sha256: digest.digest("hex"), entries };
}

/** The indexes of `lines` whose stored hash the database's hash function does not give. */
async function recomputeHashes(
  prisma: PrismaClient,
  history: ArchivableHistory,
  lines: readonly string[],
): Promise<number[]> {
  // The history's own table (its row type) and hash function, as the verifier uses them.
  const { table: type, hashFunction: hash } = histories[history];
  const rows = await prisma.$queryRaw<{ i: bigint }[]>`
    SELECT x."i" FROM jsonb_array_elements(${`[${lines.join(",")}]`}::jsonb) WITH ORDINALITY AS x("r", "i")
    WHERE (x."r" ->> 'hash') IS DISTINCT FROM ${hash}(jsonb_populate_record(NULL::${type}, x."r"))`;
  return rows.map((row) => Number(row.i) - 1);
}

async function compareAnchors(
  prisma: PrismaClient,
  history: ArchivableHistory,
  ends: ReadonlyMap<string, ChainEnd>,
  problem: (text: string) => void,
): Promise<void> {
  const anchors = await prisma.$queryRaw<{ chain: string; sequence: bigint; hash: string }[]>`
    SELECT "chain", "sequence", "hash" FROM "HistoryArchiveAnchor" WHERE "history" = ${history}`;
  const seen = new Set<string>();
  for (const anchor of anchors) {
    seen.add(anchor.chain);
    const end = ends.get(anchor.chain);
    if (!end) {
      problem(`${history}: the database's anchor of chain ${anchor.chain} is in no archived file.`);
    } else if (BigInt(end.sequence) !== anchor.sequence || end.hash !== anchor.hash) {
      problem(
        `${history}: chain ${anchor.chain}'s archive ends at entry ${end.sequence}, but the database's anchor says ${anchor.sequence}.`,
      );
    }
  }
  for (const chain of ends.keys()) {
    if (!seen.has(chain))
      problem(`${history}: chain ${chain} was archived but has no anchor in the database.`);
  }
}
