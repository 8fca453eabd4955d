/**
 * `npm run db:status`: the configured database against prisma/migrations. Exit code 0 when it
 * is up to date, 1 when migrations are pending or one has failed.
 */
import { existsSync } from "node:fs";
import { openAdapterFactory } from "../client.js";
import { databaseConfigFromEnv, describeDatabase } from "../config.js";
import { runCli } from "../migrations/cli-support.js";
import { readMigrationsFolder, repoRelative } from "../migrations/files.js";
import { type MigrationStatus, migrationStatus } from "../migrations/status.js";
import { paths } from "../paths.js";

runCli(async () => {
  const config = databaseConfigFromEnv();
  console.log(`Database: ${describeDatabase(config)}`);
  console.log(`Migrations: ${repoRelative(paths.migrations)}`);

  // Looking must not create the embedded database as a side effect.
  if (config.kind === "pglite" && config.dataDir !== "memory://" && !existsSync(config.dataDir)) {
    const { migrations } = await readMigrationsFolder(paths.migrations);
    const count =
      migrations.length === 1 ? "the 1 migration is" : `all ${migrations.length} migrations are`;
    console.log(`\nNo database yet in that folder: ${count} pending.`);
    console.log("Create it with: npm run db:deploy (npm start also migrates on start-up)");
    return migrations.length === 0 ? 0 : 1;
  }

  const { factory, dispose } = await openAdapterFactory(config, {
    log: (line) => console.log(line),
  });
  let status: MigrationStatus;
  try {
    const adapter = await factory.connect();
    try {
      status = await migrationStatus(adapter);
    } finally {
      await adapter.dispose();
    }
  } finally {
    await dispose();
  }
  print(status);
  return status.upToDate ? 0 : 1;
});

function print(status: MigrationStatus): void {
  const section = (title: string, lines: readonly string[]) => {
    if (lines.length === 0) return;
    console.log(`\n${title} (${lines.length}):`);
    for (const line of lines) console.log(`  ${line}`);
  };
  if (!status.hasMigrationsTable) console.log("\nNo migration has been applied to this database.");
  section(
    "Applied",
    status.applied.map(({ name, finishedAt }) => `${name}  (${finishedAt})`),
  );
  section(
    "Failed — deploy refuses to continue until resolved",
    status.failed.map(({ name, logs }) => {
      const reason = logs?.trim().split("\n").at(-1);
      return reason ? `${name}: ${reason}` : name;
    }),
  );
  section("Pending", status.pending);
  section("Edited after being applied (checksum differs)", status.checksumChanged);
  section("Applied but missing from the folder", status.missingFromFolder);

  console.log("");
  if (status.failed.length > 0) {
    const name = status.failed[0]?.name ?? "<name>";
    console.log(
      "A failed migration blocks deploys. Fix its cause, mark it rolled back " +
        `(npx prisma migrate resolve --rolled-back ${name}, or in SQL: UPDATE _prisma_migrations ` +
        `SET rolled_back_at = now() WHERE migration_name = '${name}' AND finished_at IS NULL), ` +
        "then run npm run db:deploy.",
    );
  } else if (status.pending.length > 0) {
    console.log(`${status.pending.length} pending: apply with npm run db:deploy`);
  } else {
    console.log("The database is up to date.");
  }
  if (status.checksumChanged.length > 0) {
    console.log(
      "Warning: an applied migration was edited; the database keeps the version it ran. " +
        "Put further changes in a new migration.",
    );
  }
}
