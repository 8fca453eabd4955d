/**
 * `@privet/db/migrations`: making, checking and applying Prisma migrations without Prisma's
 * native engine. Applying needs only a driver adapter; making and the drift check load the
 * schema engine's WASM (a devDependency) on first use, not at import.
 */
export { type ApplyOptions, applyPendingMigrations } from "./apply.js";
export {
  type CreatedMigration,
  type CreateMigrationOptions,
  createMigration,
  type DiffOptions,
  type DiffResult,
  diffMigrationsToSchema,
} from "./diff.js";
export { withSchemaEngine } from "./engine.js";
export { MigrationError } from "./errors.js";
export { checksumOf, type MigrationFile, readMigrationsFolder } from "./files.js";
export { MIGRATIONS_TABLE_DDL } from "./history.js";
export { packagedMigrationNames } from "./packaged.js";
export { PRISMA_ADVISORY_LOCK_KEY } from "./session.js";
export { type MigrationStatus, migrationStatus } from "./status.js";
export { dataLossWarnings } from "./warnings.js";
