/**
 * `npm start`: opens the database (the embedded PGlite unless DATABASE_URL is set), applies
 * pending migrations, loads the demo data into an empty embedded database, and serves GraphQL:
 * in this process, or with PRIVET_WORKERS > 1 in that many workers sharing the port
 * (server/cluster.ts), which open the database only once this process has prepared it.
 */
import { describeDatabase, openDatabase } from "@privet/db/client";
import { isSeeded, seedDemoData } from "@privet/db/seed";
import { loadConfig } from "./config.js";
import { logger } from "./log/logger.js";
import { isClusterWorker, runClusterPrimary, runClusterWorker } from "./server/cluster.js";
import { publicUrl, serveProcess } from "./server/serve-process.js";
import { startupRefusal } from "./server/startup-refusal.js";

async function main(): Promise<void> {
  const config = loadConfig();
  if (isClusterWorker()) return runClusterWorker(config);
  console.log(`Privet API: database ${describeDatabase(config.database)}`);
  const database = await openDatabase(config.database, { log: (line) => console.log(`  ${line}`) });
  if (config.seedDemoData && !(await isSeeded(database.prisma))) {
    console.log("Loading the demo data (first start)…");
    await seedDemoData(database.prisma);
  }
  if (config.workers > 1) {
    await database.close();
    runClusterPrimary(config);
    return;
  }
  const serving = await serveProcess(config, database, { runsBackgroundJobs: true }, (signal) =>
    console.log(`${signal}: stopping`),
  );
  console.log(`Privet API ready: ${publicUrl(serving.server)}`);
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
