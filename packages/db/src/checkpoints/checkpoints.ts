/**
 * Chain checkpoints: how far each chain has been verified, sealed with a key the database
 * does not hold (signing.ts, seal.ts).
 *
 * - advanceCheckpoints (the background job, and `npm run db:checkpoints -- --advance`):
 *   verifies each history from its checkpoints (only the entries written since) and moves
 *   the checkpoints of the chains that verified, then re-seals the history.
 * - verifyFromCheckpoints (auditVerification): checks each seal, then verifies only the
 *   tails, answering at once however long the histories are.
 * A checkpoint proves nothing about entries before it to someone who can also rewrite the
 * checkpoint table; the seal does: edited checkpoints no longer match it
 * (CHECKPOINT_UNTRUSTED), and an exported seal (export.ts) outlives any later rewrite.
 */
import type { ChainVerification } from "../chain/hash.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { HISTORY_NAMES, type HistoryName, histories } from "../verification/histories.js";
import { inSnapshot } from "../verification/snapshot.js";
import {
  type Queryable,
  type VerifiedChain,
  verifyHistory,
} from "../verification/verify-history.js";
import { digestInDatabase, readSeal, sealStatement } from "./seal.js";
import type { CheckpointSigner, CheckpointVerifier } from "./signing.js";

export type HistoryResults = Record<HistoryName, ChainVerification>;

export interface AdvanceReport {
  readonly history: HistoryName;
  readonly result: ChainVerification;
  /** Entries verified in this run (after the previous checkpoints). */
  readonly entriesRead: number;
  /** Chains whose checkpoint moved. */
  readonly chainsAdvanced: number;
}

const untrusted: ChainVerification = {
  ok: false,
  checked: 0,
  firstBroken: { eventId: "", chain: "", sequence: 0, problem: "CHECKPOINT_UNTRUSTED" },
};

/** Whether the history's stored checkpoints are exactly those its seal signed. */
export async function sealHolds(
  db: Queryable,
  history: HistoryName,
  verifier: CheckpointVerifier,
): Promise<boolean> {
  const [seal, stored] = await Promise.all([readSeal(db, history), digestInDatabase(db, history)]);
  if (!seal) return stored.chains === 0;
  return (
    seal.keyId === verifier.keyId &&
    seal.chains === stored.chains &&
    seal.entries === stored.entries &&
    seal.digest === stored.digest &&
    verifier.verify(sealStatement(seal), seal.signature)
  );
}

export async function verifyFromCheckpoints(
  prisma: PrismaClient,
  verifier: CheckpointVerifier,
): Promise<HistoryResults> {
  const results = {} as Record<HistoryName, ChainVerification>;
  for (const name of HISTORY_NAMES) {
    results[name] = await inSnapshot(prisma, async (snapshot) => {
      if (!(await sealHolds(snapshot, name, verifier))) return untrusted;
      // Never checkpointed: everything from the start. Afterwards the chains to read come from
      // the heads and the checkpoints; a chain begun after the last run whose head was then
      // deleted is seen by the next run (or db:verify), not here.
      const seal = await readSeal(snapshot, name);
      const { result } = await verifyHistory(snapshot, histories[name], {
        fromCheckpoints: seal !== null,
        checkpointedEntries: seal?.entries,
      });
      return result;
    });
  }
  return results;
}

export async function advanceCheckpoints(
  prisma: PrismaClient,
  signer: CheckpointSigner,
  options: { readonly batch?: number; readonly now?: () => Date } = {},
): Promise<AdvanceReport[]> {
  const reports: AdvanceReport[] = [];
  for (const name of HISTORY_NAMES) {
    reports.push(
      await inSnapshot(prisma, async (snapshot) => {
        // One advancer at a time per database, whichever process runs the job; and each
        // advancer's snapshot must be taken AFTER the previous one committed. A lock taken
        // by a SELECT (pg_advisory_xact_lock) does not give that: in REPEATABLE READ the
        // SELECT itself fixes the snapshot before it waits, so a second process would verify
        // from the checkpoints the first had just replaced, redo its work and fail on its
        // updated rows ("could not serialize access"). LOCK TABLE takes no snapshot: the
        // waiting advancer starts from the first one's checkpoints and verifies only what was
        // written since. The mode conflicts with itself and with writes, not with readers
        // (auditVerification), and only this function writes the seal.
        await snapshot.$queryRaw`LOCK TABLE "ChainCheckpointSeal" IN SHARE ROW EXCLUSIVE MODE`;
        if (!(await sealHolds(snapshot, name, signer))) {
          // Re-sealing now would bless whatever was edited: leave it reported.
          return { history: name, result: untrusted, entriesRead: 0, chainsAdvanced: 0 };
        }
        const verification = await verifyHistory(snapshot, histories[name], {
          fromCheckpoints: true,
          batch: options.batch,
        });
        const at = options.now?.() ?? new Date();
        await storeCheckpoints(snapshot, name, verification.verified, at);
        const stored = await digestInDatabase(snapshot, name);
        const content = { history: name, ...stored, sealedAt: at };
        const signature = signer.sign(sealStatement(content));
        await snapshot.$queryRaw`
          INSERT INTO "ChainCheckpointSeal"
            ("history", "chains", "entries", "digest", "keyId", "signature", "sealedAt")
          VALUES (${name}, ${content.chains}, ${content.entries}, ${content.digest},
            ${signer.keyId}, ${signature}, ${at})
          ON CONFLICT ("history") DO UPDATE SET "chains" = EXCLUDED."chains",
            "entries" = EXCLUDED."entries", "digest" = EXCLUDED."digest",
            "keyId" = EXCLUDED."keyId", "signature" = EXCLUDED."signature",
            "sealedAt" = EXCLUDED."sealedAt"`;
        return {
          history: name,
          result: verification.result,
          entriesRead: verification.entriesRead,
          chainsAdvanced: verification.verified.length,
        };
      }),
    );
  }
  return reports;
}

const STORE_BATCH = 5_000;

async function storeCheckpoints(
  db: Queryable,
  history: HistoryName,
  chains: readonly VerifiedChain[],
  at: Date,
): Promise<void> {
  for (let start = 0; start < chains.length; start += STORE_BATCH) {
    const part = chains.slice(start, start + STORE_BATCH);
    await db.$queryRaw`
      INSERT INTO "ChainCheckpoint" ("history", "chain", "sequence", "hash", "verifiedAt")
      SELECT ${history}, c."chain", c."sequence"::bigint, c."hash", ${at}
      FROM unnest(${part.map((c) => c.chain)}::text[], ${part.map((c) => String(c.sequence))}::text[],
        ${part.map((c) => c.hash)}::text[]) AS c("chain", "sequence", "hash")
      ON CONFLICT ("history", "chain") DO UPDATE SET "sequence" = EXCLUDED."sequence",
        "hash" = EXCLUDED."hash", "verifiedAt" = EXCLUDED."verifiedAt"`;
  }
}
