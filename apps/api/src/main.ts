/**
 * `npm start`: opens the database (the embedded PGlite unless DATABASE_URL is set), applies
 * pending migrations, checks that its keys are the deployment's (server/deployment-keys.ts),
 * loads the demo data into an empty embedded database, and serves GraphQL:
 * in this process, or with PRIVET_WORKERS > 1 in that many workers sharing the port
 * (server/cluster.ts), which open the database only once this process has prepared it.
 */
import { describeDatabase, isNewEmbeddedDatabase, openDatabase } from "@privet/db/client";
import { hashDemoPassword, isSeeded, seedDemoData } from "@privet/db/seed";
import { loadConfig } from "./config.js";
import { logger } from "./log/logger.js";
import { isClusterWorker, runClusterPrimary, runClusterWorker } from "./server/cluster.js";
import { checkDeploymentKeys, describeDeploymentKeyReport } from "./server/deployment-keys.js";
import { publicUrl, serveProcess } from "./server/serve-process.js";
import { startupRefusal } from "./server/startup-refusal.js";
import { startTelemetry } from "./telemetry/telemetry.js";

async function main(): Promise<void> {
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const config = loadConfig();
  // OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT is set (in each worker too), before the
  // server makes its instruments; otherwise nothing is started (src/telemetry).
  if (startTelemetry()) console.log("Privet API: exporting traces and metrics over OTLP");
  if (isClusterWorker()) return runClusterWorker(config);
  console.log(`Privet API: database ${describeDatabase(config.database)}`);
  // A new embedded database will be seeded: its one scrypt hash runs in libuv's thread pool
  // while PGlite creates the database on this thread (~0.5 s off the first start).
  const demoPasswordHash =
    config.seedDemoData && isNewEmbeddedDatabase(config.database) ? hashDemoPassword() : undefined;
  demoPasswordHash?.catch(() => {}); // a failure surfaces where the seed awaits it
  const database = await openDatabase(config.database, { log: (line) => console.log(`  ${line}`) });
  console.log(`  database open at ${seconds()}`);
  // Before anything is hashed, sealed or signed: every process of the deployment must have the
  // same keys (server/deployment-keys.ts). A cluster's workers inherit this process's.
  try {
    const keys = await checkDeploymentKeys(database.prisma, config);
    for (const line of describeDeploymentKeyReport(keys)) console.log(`  ${line}`);
  } catch (error) {
    await database.close();
    throw error;
  }
  if (config.seedDemoData && !(await isSeeded(database.prisma))) {
    console.log("Loading the demo data (first start)…");
    await seedDemoData(database.prisma, { passwordHash: demoPasswordHash });
    console.log(`  demo data loaded at ${seconds()}`);
  }
  if (config.workers > 1) {
    await database.close();
    runClusterPrimary(config);
    return;
  }
  const serving = await serveProcess(config, database, { runsBackgroundJobs: true }, (signal) =>
    console.log(`${signal}: stopping`),
  );
  console.log(`  listening at ${seconds()}`);
  if (process.env.PRIVET_DEBUG === "1") console.log(`  memory: ${describeMemory()}`);
  for (const site of serving.server.frontEnds) {
    console.log(`Privet ${site.name}: http://localhost:${site.port}`);
  }
  console.log(`Privet API ready: ${publicUrl(serving.server)}`);
}

/**
 * Where the process's memory is (PRIVET_DEBUG=1): the V8 heap (JavaScript objects), and
 * "external", mostly WebAssembly memories — embedded PostgreSQL's (PGlite) and Prisma's query
 * compiler's — which only ever grow. The rest of RSS is code, stacks and the allocator's.
 */
function describeMemory(): string {
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const mib = (bytes: number) => `${Math.round(bytes / 1048576)} MiB`;
  return `rss ${mib(rss)}, V8 heap ${mib(heapUsed)} used of ${mib(heapTotal)}, external (WASM and buffers) ${mib(external)}`;
}

main().catch((error: unknown) => {
  const refusal = startupRefusal(error);
  if (refusal) {
    // One plain line, even with PRIVET_LOG=silent: e.g. another process has the folder.
    console.error(refusal);
    process.exit(1);
  }
  logger.error("the API could not start", { error });
  if (process.env.PRIVET_DEBUG === "1") console.error(error);
  process.exit(1);
});
