/**
 * Every history re-verified from its first entry (`npm run db:verify`): the chains, in
 * batches, in one snapshot; the consent projection after the ledger's chains.
 */
import type { ChainVerification } from "../chain/hash.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { currentProblem } from "../ledger/verify-consent-ledger.js";
import { HISTORY_NAMES, type HistoryName, histories } from "./histories.js";
import { inSnapshot } from "./snapshot.js";
import { verifyHistory } from "./verify-history.js";

export interface VerifyAllOptions {
  readonly batch?: number;
  readonly onProgress?: (history: HistoryName, done: number, total: number) => void;
}

export function verifyAllHistories(
  prisma: PrismaClient,
  options: VerifyAllOptions = {},
): Promise<Record<HistoryName, ChainVerification>> {
  return inSnapshot(prisma, async (snapshot) => {
    const results = {} as Record<HistoryName, ChainVerification>;
    for (const name of HISTORY_NAMES) {
      const { result } = await verifyHistory(snapshot, histories[name], {
        batch: options.batch,
        onProgress: (done, total) => options.onProgress?.(name, done, total),
      });
      results[name] = result;
    }
    if (results.CONSENT_LEDGER.ok) {
      const problem = await currentProblem(snapshot, {});
      if (problem) {
        const sequence = Number(problem.sequence);
        results.CONSENT_LEDGER = {
          ok: false,
          checked: Math.max(sequence - 1, 0),
          firstBroken: {
            eventId: problem.id,
            chain: `${problem.subjectKind}:${problem.subjectId}`,
            sequence,
            problem: problem.problem,
          },
        };
      }
    }
    return results;
  });
}
