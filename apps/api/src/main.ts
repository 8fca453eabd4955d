/**
 * `npm start`: opens the database (the embedded PGlite unless DATABASE_URL is set), applies
 * pending migrations, loads the demo data into an empty embedded database, and serves GraphQL.
 */
import { describeDatabase, openDatabase } from "@privet/db/client";
import { isSeeded, seedDemoData } from "@privet/db/seed";
import { loadConfig } from "./config.js";
import { logger } from "./log/logger.js";
import { startServer } from "./server/create-server.js";
import { startupRefusal } from "./server/startup-refusal.js";

async function main(): Promise<void> {
  const config = loadConfig();
  console.log(`Privet API: database ${describeDatabase(config.database)}`);
  const database = await openDatabase(config.database, { log: (line) => console.log(`  ${line}`) });
  if (config.seedDemoData && !(await isSeeded(database.prisma))) {
    console.log("Loading the demo data (first start)…");
    await seedDemoData(database.prisma);
  }
  const server = await startServer({
    prisma: database.prisma,
    audit: database.audit,
    config,
    checkpointJob: true,
  });

  // Stopping closes the database, which releases its folder. The handlers are in place before
  // "ready" is printed, since whoever waits for that line may signal at once.
  const stop = async (signal: string) => {
    console.log(`${signal}: stopping`);
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  console.log(`Privet API ready: ${server.url.replace("//127.0.0.1:", "//localhost:")}`);
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
