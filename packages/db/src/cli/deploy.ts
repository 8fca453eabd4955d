/**
 * `npm run db:deploy`: applies pending migrations to the configured database — PostgreSQL
 * when DATABASE_URL is set, otherwise the embedded PGlite folder (PRIVET_DATA_DIR).
 */
import { openAdapterFactory } from "../client.js";
import { databaseConfigFromEnv, describeDatabase } from "../config.js";
import { applyPendingMigrations } from "../migrations/apply.js";
import { runCli } from "../migrations/cli-support.js";

runCli(async () => {
  const config = databaseConfigFromEnv();
  // describeDatabase never shows the password of a DATABASE_URL.
  console.log(`Applying migrations to ${describeDatabase(config)}`);
  const { factory, dispose } = await openAdapterFactory(config, {
    log: (line) => console.log(line),
  });
  try {
    const adapter = await factory.connect();
    try {
      const { applied } = await applyPendingMigrations(adapter, {
        log: (line) => console.log(line),
      });
      console.log(
        applied.length === 0
          ? "No pending migrations: the database is up to date."
          : `Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}.`,
      );
    } finally {
      await adapter.dispose();
    }
  } finally {
    await dispose();
  }
  return 0;
});
