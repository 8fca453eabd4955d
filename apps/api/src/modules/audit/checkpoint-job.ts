/**
 * The background job that advances the hash chains' signed checkpoints (and makes the audit
 * and staff action logs' partitions of the months ahead): every interval it
 * verifies what was written since the last checkpoints and moves them (@privet/db
 * checkpoints), so that auditVerification only verifies a short tail. One run at a time in
 * this process; across processes (each standalone API process runs this job) a table lock
 * taken before each run's snapshot serialises runs, and a run that waited starts from the
 * other's checkpoints, so no entry is verified twice (checkpoints/concurrent-advance.test.ts).
 */
import { advanceCheckpoints, type CheckpointSigner } from "@privet/db/checkpoints";
import type { PrismaClient } from "@privet/db/client";
import { ensureHistoryPartitions } from "@privet/db/retention";
import { logger } from "../../log/logger.js";

export const CHECKPOINT_INTERVAL_MS = 60_000;

export interface CheckpointJob {
  /** Runs once now (tests, and the first run at start); resolves when it is done. */
  runNow(): Promise<void>;
  /** Stops the interval and waits for a run in progress. */
  stop(): Promise<void>;
}

export function startCheckpointJob(options: {
  readonly prisma: PrismaClient;
  readonly signer: CheckpointSigner;
  /** Off: no timer (runNow still works). */
  readonly enabled: boolean;
  readonly intervalMs?: number;
}): CheckpointJob {
  let current: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> => {
    if (current) return current;
    if (stopped) return Promise.resolve();
    // The months ahead get their partitions here too, for a process that runs for months:
    // a few catalogue lookups when none is missing.
    current = ensureHistoryPartitions(options.prisma)
      .then(() => advanceCheckpoints(options.prisma, options.signer))
      .then((reports) => {
        for (const report of reports) {
          if (!report.result.ok) {
            // Chain ids and sequences only: nothing personal.
            logger.error("a hash chain does not verify", {
              history: report.history,
              chain: report.result.firstBroken.chain,
              sequence: report.result.firstBroken.sequence,
              problem: report.result.firstBroken.problem,
            });
          }
        }
      })
      .catch((error: unknown) => {
        logger.error("checkpoint run failed", { error });
      })
      .finally(() => {
        current = null;
      });
    return current;
  };
  const timer = options.enabled
    ? setInterval(run, options.intervalMs ?? CHECKPOINT_INTERVAL_MS)
    : null;
  timer?.unref();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await current;
    },
  };
}
