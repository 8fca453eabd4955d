/**
 * PRIVET_WORKERS > 1: the API as several processes sharing one port (node:cluster; the primary
 * accepts connections and hands them to the workers in turn).
 *
 * - The primary does the once-only work before forking: migrations and the demo seed
 *   (main.ts), so workers never race to apply them.
 * - Each worker has a slot, 1…N, given at fork (PRIVET_WORKER_SLOT, internal: not a setting)
 *   and kept when a dead worker is replaced. **Only slot 1 runs background jobs**
 *   (`runsBackgroundJobs`, see ServerOptions): exactly one process does, and a replaced slot 1
 *   takes them up again. Every response carries `X-Privet-Worker: <slot>` (the benchmark's
 *   staleness check uses it to read through a different process than it wrote through).
 * - A worker that dies is restarted after RESTART_DELAY_MS. A worker that fails before it was
 *   ever ready (a setting, the database unreachable) stops the whole cluster with exit 1:
 *   restarting would fail the same way for ever.
 * - SIGTERM or SIGINT to the primary stops every worker (each closes its server, then its
 *   database) and then the primary, exit 0; a worker still running after STOP_TIMEOUT_MS is
 *   killed.
 */
import cluster, { type Worker } from "node:cluster";
import type { ApiConfig } from "../config.js";
import { logger } from "../log/logger.js";
import { openWorkerDatabase, publicUrl, serveProcess } from "./serve-process.js";
import { startupRefusal } from "./startup-refusal.js";

const SLOT_VARIABLE = "PRIVET_WORKER_SLOT";
const RESTART_DELAY_MS = 1_000;
const STOP_TIMEOUT_MS = 30_000;

/** The slot that runs background jobs (the outbox delivery, and any job added later). */
export const BACKGROUND_JOBS_SLOT = 1;

type WorkerMessage = { readonly type: "ready"; readonly url: string };

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** In the primary: forks the workers and keeps them running until told to stop. */
export function runClusterPrimary(config: ApiConfig): void {
  const bySlot = new Map<number, Worker>();
  const everReady = new Set<number>();
  let stopping = false;
  let announced = false;

  const fork = (slot: number) => {
    const worker = cluster.fork({ [SLOT_VARIABLE]: String(slot) });
    bySlot.set(slot, worker);
    worker.on("message", (message: WorkerMessage) => {
      if (message?.type !== "ready") return;
      everReady.add(slot);
      if (!announced && everReady.size === config.workers) {
        announced = true;
        console.log(`Privet API ready: ${message.url} (${config.workers} workers)`);
      }
    });
    worker.on("exit", (code, signal) => {
      if (bySlot.get(slot) === worker) bySlot.delete(slot);
      if (stopping) {
        if (bySlot.size === 0) process.exit(0);
        return;
      }
      if (!everReady.has(slot)) {
        console.error(
          `Privet API: worker ${slot} could not start (exit ${code ?? signal}); stopping`,
        );
        void stopAll(1);
        return;
      }
      console.log(`Privet API: worker ${slot} ended (${signal ?? `exit ${code}`}); restarting it`);
      setTimeout(() => {
        if (!stopping) fork(slot);
      }, RESTART_DELAY_MS);
    });
  };

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    if (bySlot.size === 0) process.exit(exitCode);
    for (const worker of bySlot.values()) worker.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of bySlot.values()) worker.process.kill("SIGKILL");
      process.exit(exitCode);
    }, STOP_TIMEOUT_MS).unref();
    // The "exit" handler ends the primary once the last worker has gone (exit 0), unless a
    // failed start asked for exit 1.
    if (exitCode !== 0) {
      await Promise.all(
        [...bySlot.values()].map((w) => new Promise((resolve) => w.once("exit", resolve))),
      );
      process.exit(exitCode);
    }
  };
  const onSignal = (signal: string) => {
    console.log(`${signal}: stopping ${bySlot.size} workers`);
    void stopAll(0);
  };
  process.once("SIGINT", () => onSignal("SIGINT"));
  process.once("SIGTERM", () => onSignal("SIGTERM"));

  for (let slot = 1; slot <= config.workers; slot++) fork(slot);
}

/** In a worker: serve until signalled, or until the primary is gone. */
export async function runClusterWorker(config: ApiConfig): Promise<void> {
  const slot = Number(process.env[SLOT_VARIABLE]);
  try {
    const database = await openWorkerDatabase(config);
    const serving = await serveProcess(config, database, {
      workerId: slot,
      runsBackgroundJobs: slot === BACKGROUND_JOBS_SLOT,
    });
    // The primary died without stopping us: nothing would restart or stop this worker.
    cluster.worker?.on("disconnect", () => void serving.stop().then(() => process.exit(0)));
    // A plain line per worker (the cluster test reads them): its slot, pid and whether it
    // runs the background jobs.
    const jobs = serving.server.runsBackgroundJobs ? ", runs the background jobs" : "";
    console.log(`Privet API worker ${slot} ready (pid ${process.pid}${jobs})`);
    const message: WorkerMessage = { type: "ready", url: publicUrl(serving.server) };
    process.send?.(message);
  } catch (error) {
    const refusal = startupRefusal(error);
    if (refusal) console.error(refusal);
    else logger.error("an API worker could not start", { error });
    process.exit(1);
  }
}
