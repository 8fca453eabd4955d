/**
 * `npm start`: opens the database (the embedded PGlite unless DATABASE_URL is set), applies
 * pending migrations, loads the demo data into an empty embedded database, and serves GraphQL.
 */
import { describeDatabase, openDatabase } from "@privet/db/client";
import { isSeeded, seedDemoData } from "@privet/db/seed";
import { ConfigError, loadConfig } from "./config.js";
import { startServer } from "./server/create-server.js";
import { logger } from "./server/logger.js";

async function main(): Promise<void> {
  const config = loadConfig();
  console.log(`Privet API: database ${describeDatabase(config.database)}`);
  const database = await openDatabase(config.database, { log: (line) => console.log(`  ${line}`) });
  if (config.seedDemoData && !(await isSeeded(database.prisma))) {
    console.log("Loading the demo data (first start)…");
    await seedDemoData(database.prisma);
  }
  const server = await startServer({ prisma: database.prisma, audit: database.audit, config });
  console.log(`Privet API ready: ${server.url.replace("//127.0.0.1:", "//localhost:")}`);

  const stop = async (signal: string) => {
    console.log(`${signal}: stopping`);
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    // Plain words on stderr, whatever PRIVET_LOG says: the operator must see which setting.
    console.error(`Privet API cannot start: ${error.message}`);
    process.exit(1);
  }
  logger.error("the API could not start", { error });
  if (process.env.PRIVET_DEBUG === "1") console.error(error);
  process.exit(1);
});
