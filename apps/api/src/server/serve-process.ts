/**
 * One API process: opens the database, serves GraphQL, and stops cleanly on SIGINT/SIGTERM
 * (the server first, then the database, which releases an embedded folder). Used alone
 * (PRIVET_WORKERS=1) and by each worker of the cluster (cluster.ts).
 */
import { type Database, openDatabase } from "@privet/db/client";
import type { ApiConfig } from "../config.js";
import { shutdownTelemetry } from "../telemetry/telemetry.js";
import { type RunningServer, startServer } from "./create-server.js";

export interface ProcessRole {
  /** The worker's slot (1…N) in a cluster, sent as X-Privet-Worker; absent when alone. */
  readonly workerId?: number;
  /** Whether this process runs the background jobs (see ServerOptions.runsBackgroundJobs). */
  readonly runsBackgroundJobs: boolean;
}

export interface ServingProcess {
  readonly server: RunningServer;
  readonly database: Database;
  stop(): Promise<void>;
}

/**
 * Serves on an already opened database (migrated, seeded: the caller's work), and installs
 * the signal handlers before returning, since whoever waits for "ready" may signal at once.
 */
export async function serveProcess(
  config: ApiConfig,
  database: Database,
  role: ProcessRole,
  onStop: (signal: string) => void = () => undefined,
): Promise<ServingProcess> {
  const server = await startServer({
    prisma: database.prisma,
    audit: database.audit,
    reader: database.reader,
    config,
    runsBackgroundJobs: role.runsBackgroundJobs,
    checkpointJob: true,
    webhookJob: true,
    ...(role.workerId !== undefined ? { workerId: role.workerId } : {}),
  });
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await server.close();
      await database.close();
    })();
    return stopping;
  };
  const onSignal = (signal: string) => {
    onStop(signal);
    // Telemetry last: the drain's own spans and the final metrics are exported before exit.
    void stop()
      .then(shutdownTelemetry)
      .then(() => process.exit(0));
  };
  process.once("SIGINT", () => onSignal("SIGINT"));
  process.once("SIGTERM", () => onSignal("SIGTERM"));
  return { server, database, stop };
}

/** Opens the database without applying migrations: the primary applied them before forking. */
export function openWorkerDatabase(config: ApiConfig): Promise<Database> {
  return openDatabase(config.database, { migrate: false });
}

/** The address people are told to open. */
export function publicUrl(server: RunningServer): string {
  return server.url.replace("//127.0.0.1:", "//localhost:");
}
