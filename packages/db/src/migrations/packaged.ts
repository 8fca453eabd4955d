/**
 * The migrations this build carries (prisma/migrations), by name in apply order: what a
 * database must have applied for this code to run on it (the API's /ready compares them).
 */
import { paths } from "../paths.js";
import { readMigrationsFolder } from "./files.js";

export async function packagedMigrationNames(): Promise<string[]> {
  const folder = await readMigrationsFolder(paths.migrations);
  return folder.migrations.map((migration) => migration.name);
}
