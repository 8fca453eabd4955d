/**
 * `npm run db:migration -- <name>`: writes the next migration from the current
 * prisma/schema.prisma (prisma/migrations/<timestamp>_<name>/migration.sql) and prints it.
 * `npm run db:migration -- --check`: the drift check alone; exit code 0 when the schema and
 * the migrations agree, 2 (with the missing SQL printed) when they do not.
 *
 * Needs no database and no Prisma engine download (see src/migrations/engine.ts).
 */
import { runCli } from "../migrations/cli-support.js";
import { createMigration, diffMigrationsToSchema } from "../migrations/diff.js";
import { repoRelative } from "../migrations/files.js";

const USAGE = `Usage: npm run db:migration -- <name>     e.g. add_customer_phone (a-z, 0-9, _)
       npm run db:migration -- --check    exit 0 if schema.prisma and the migrations agree`;

runCli(async (args) => {
  const [arg, ...rest] = args;
  if (arg === undefined || rest.length > 0 || arg === "--help" || arg === "-h") {
    console.error(USAGE);
    return arg === "--help" || arg === "-h" ? 0 : 1;
  }
  if (arg === "--check") {
    const { inSync, sql } = await diffMigrationsToSchema();
    if (inSync) {
      console.log("prisma/schema.prisma and prisma/migrations agree.");
      return 0;
    }
    console.log("prisma/schema.prisma has changes that no migration makes. Missing SQL:\n");
    console.log(sql);
    console.log("Create the migration with: npm run db:migration -- <name>");
    return 2;
  }
  const created = await createMigration(arg);
  console.log(`Created ${repoRelative(created.path)}:\n`);
  console.log(created.sql);
  if (created.warnings.length > 0) {
    console.log("WARNING: this migration can lose data or fail on existing data:");
    for (const warning of created.warnings) console.log(`  - ${warning}`);
    console.log("");
  }
  console.log("Review it, then apply it with: npm run db:deploy");
  return 0;
});
