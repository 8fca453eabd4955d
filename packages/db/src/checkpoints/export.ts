/**
 * Signed checkpoints taken out of the database (`npm run db:checkpoints -- --export f.json`,
 * the console's export button), and the check of a database against an earlier export
 * (`npm run db:verify -- --against f.json`). Kept elsewhere, an export is what the chains
 * alone cannot give: proof of what the histories held then. A database that no longer holds
 * an exported entry with its exported hash was cut back (the newest entries deleted, heads
 * rolled back) or rewritten (hashes recomputed to the head) since: CHECKPOINT_MISMATCH.
 */
import type { BrokenLink, ChainVerification } from "../chain/hash.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { HISTORY_NAMES, type HistoryName, histories } from "../verification/histories.js";
import type { Queryable } from "../verification/verify-history.js";
import { type CheckpointLine, digestOf, readSeal, sealStatement } from "./seal.js";
import type { CheckpointVerifier } from "./signing.js";

export const EXPORT_FORMAT = "privet-checkpoints/1";

export interface ExportedHistory {
  readonly history: HistoryName;
  readonly chains: number;
  readonly entries: string;
  readonly digest: string;
  readonly keyId: string;
  readonly signature: string;
  readonly sealedAt: string;
  readonly checkpoints: readonly { chain: string; sequence: string; hash: string }[];
}

export interface CheckpointExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly exportedAt: string;
  /** For reading only: a verifier must take the key from elsewhere (the well-known URL). */
  readonly publicKeyPem: string;
  readonly histories: readonly ExportedHistory[];
}

export class CheckpointExportError extends Error {}

/** The sealed checkpoints of every history that has a seal, as stored. */
export async function exportCheckpoints(
  db: Queryable,
  verifier: CheckpointVerifier,
  now = new Date(),
): Promise<CheckpointExport> {
  const exported: ExportedHistory[] = [];
  for (const name of HISTORY_NAMES) {
    const seal = await readSeal(db, name);
    if (!seal) continue;
    const rows = await db.$queryRaw<CheckpointLine[]>`
      SELECT "chain", "sequence", "hash" FROM "ChainCheckpoint" WHERE "history" = ${name}
      ORDER BY "chain" COLLATE "C"`;
    exported.push({
      history: name,
      chains: seal.chains,
      entries: String(seal.entries),
      digest: seal.digest,
      keyId: seal.keyId,
      signature: seal.signature,
      sealedAt: seal.sealedAt.toISOString(),
      checkpoints: rows.map((row) => ({
        chain: row.chain,
        sequence: String(row.sequence),
        hash: row.hash,
      })),
    });
  }
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    publicKeyPem: verifier.publicKeyPem,
    histories: exported,
  };
}

/**
 * Checks an export's own integrity: each history's checkpoints hash to its digest, and its
 * seal is signed by the verifier's key. Throws CheckpointExportError otherwise.
 */
export function checkExport(data: unknown, verifier: CheckpointVerifier): CheckpointExport {
  const exported = data as CheckpointExport;
  if (exported?.format !== EXPORT_FORMAT || !Array.isArray(exported.histories)) {
    throw new CheckpointExportError(`not a ${EXPORT_FORMAT} file`);
  }
  for (const history of exported.histories as readonly ExportedHistory[]) {
    if (!HISTORY_NAMES.includes(history.history)) {
      throw new CheckpointExportError(`unknown history ${JSON.stringify(history.history)}`);
    }
    const lines = history.checkpoints.map((c) => ({ ...c, sequence: BigInt(c.sequence) }));
    const entries = lines.reduce((sum, line) => sum + line.sequence, 0n);
    const statement = sealStatement({
      history: history.history,
      chains: history.chains,
      entries: BigInt(history.entries),
      digest: history.digest,
      sealedAt: new Date(history.sealedAt),
    });
    if (
      history.keyId !== verifier.keyId ||
      lines.length !== history.chains ||
      entries !== BigInt(history.entries) ||
      digestOf(lines) !== history.digest ||
      !verifier.verify(statement, history.signature)
    ) {
      throw new CheckpointExportError(
        `the ${history.history} checkpoints in the file do not match their signature (edited, or signed with another key)`,
      );
    }
  }
  return exported;
}

const AGAINST_BATCH = 5_000;

/**
 * Every exported checkpoint must still be in the database: the entry at its sequence, with
 * its hash. Combined with a full verification of the chains (every later link holds), the
 * database then extends the exported state. Reports the first one missing or changed per
 * history, in chain order.
 */
export async function verifyAgainstExport(
  prisma: PrismaClient,
  exported: CheckpointExport,
): Promise<Partial<Record<HistoryName, ChainVerification>>> {
  const results: Partial<Record<HistoryName, ChainVerification>> = {};
  for (const history of exported.histories) {
    const spec = histories[history.history];
    let broken: BrokenLink | null = null;
    let checked = 0;
    for (let start = 0; start < history.checkpoints.length && !broken; start += AGAINST_BATCH) {
      const part = history.checkpoints.slice(start, start + AGAINST_BATCH);
      const rows = await prisma.$queryRaw<{ i: bigint; id: string | null; hash: string | null }[]>`
        SELECT r."i", e."id"::text AS "id", e."hash"
        FROM unnest(${part.map((c) => c.chain)}::text[], ${part.map((c) => c.sequence)}::text[])
          WITH ORDINALITY AS r("chain", "sequence", "i")
        LEFT JOIN ${spec.table} e ON ${spec.entryInRange} AND e."sequence" = r."sequence"::bigint
        ORDER BY r."i"`;
      for (const row of rows) {
        const checkpoint = part[Number(row.i) - 1];
        if (!checkpoint) continue;
        if (row.hash !== checkpoint.hash) {
          broken = {
            eventId: row.id ?? "",
            chain: checkpoint.chain,
            sequence: Number(checkpoint.sequence),
            problem: "CHECKPOINT_MISMATCH",
          };
          break;
        }
        checked += Number(checkpoint.sequence);
      }
    }
    results[history.history] = broken
      ? { ok: false, checked: Math.max(broken.sequence - 1, 0), firstBroken: broken }
      : { ok: true, checked };
  }
  return results;
}
