/**
 * The schema against the migrations: the drift check, and making the next migration.
 *
 * Both replay the migrations folder on an in-memory shadow database and compare the result
 * with schema.prisma (`prisma migrate diff --from-migrations … --to-schema … --script
 * --exit-code`). Anything Prisma does not model — functions, triggers, grants, comments — is
 * not seen by that comparison, so hand-written SQL for such objects can sit in a migration
 * without making the check fail.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { paths } from "../paths.js";
import { withSchemaEngine } from "./engine.js";
import { MigrationError } from "./errors.js";
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  MIGRATION_FILE,
  type MigrationsFolder,
  readMigrationsFolder,
  repoRelative,
} from "./files.js";
import { dataLossWarnings, warningsHeader } from "./warnings.js";

export interface DiffOptions {
  /** Default: the repository's prisma/schema.prisma. */
  readonly schemaPath?: string;
  /** Default: the repository's prisma/migrations. */
  readonly migrationsDir?: string;
}

export interface DiffResult {
  /** True when replaying the migrations gives exactly the schema. */
  readonly inSync: boolean;
  /** The SQL that would bring the migrations to the schema ("" when in sync). */
  readonly sql: string;
}

// Prisma's default when prisma.config.ts declares no external tables or enums.
const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

/** The engine's exit codes for `diff` with `exitCode: true`. */
const EXIT_IN_SYNC = 0;
const EXIT_CHANGES = 2;

export async function diffMigrationsToSchema(options: DiffOptions = {}): Promise<DiffResult> {
  const schemaPath = options.schemaPath ?? paths.schema;
  const folder = await readMigrationsFolder(options.migrationsDir ?? paths.migrations);
  return diffFolder(schemaPath, folder);
}

async function diffFolder(schemaPath: string, folder: MigrationsFolder): Promise<DiffResult> {
  const content = await readFile(schemaPath, "utf8").catch((error: unknown) => {
    throw new MigrationError(`Cannot read the Prisma schema at ${schemaPath}: ${String(error)}`);
  });
  const result = await withSchemaEngine({ path: schemaPath, content }, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...engineMigrationList(folder) },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content }] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    }),
  );
  if (result.exitCode === EXIT_IN_SYNC) return { inSync: true, sql: "" };
  if (result.exitCode === EXIT_CHANGES) return { inSync: false, sql: result.stdout ?? "" };
  throw new Error(`The schema engine's diff ended with unexpected exit code ${result.exitCode}`);
}

/** The folder as the engine wants it (what Prisma's CLI builds from the same files). */
export function engineMigrationList(folder: MigrationsFolder): MigrationList {
  return {
    baseDir: folder.dir,
    // The engine reads the provider from the lockfile; a folder that has none yet (no
    // migration made) is still a PostgreSQL one.
    lockfile: { path: LOCKFILE_NAME, content: folder.lockfile ?? LOCKFILE_CONTENT },
    shadowDbInitScript: "",
    migrationDirectories: folder.migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: MIGRATION_FILE, content: { tag: "ok", value: migration.sql } },
    })),
  };
}

export interface CreatedMigration {
  /** The folder name, e.g. `20250101120000_add_customer_phone`. */
  readonly name: string;
  /** Absolute path of the new migration.sql. */
  readonly path: string;
  /** What was written to migration.sql: the SQL, after a Prisma-style warnings comment. */
  readonly sql: string;
  /** Steps that may lose data or fail on existing data (see warnings.ts). */
  readonly warnings: readonly string[];
}

export interface CreateMigrationOptions extends DiffOptions {
  /** The clock, for tests. */
  readonly now?: Date;
}

const NAME_PATTERN = /^[a-z0-9_]+$/;
// Prisma cuts migration names at 200 characters; the folder name must stay well under 255.
const MAX_NAME_LENGTH = 200;

/**
 * Writes prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql with the SQL that brings the
 * existing migrations to schema.prisma (and migration_lock.toml if there is none yet).
 */
export async function createMigration(
  name: string,
  options: CreateMigrationOptions = {},
): Promise<CreatedMigration> {
  if (!NAME_PATTERN.test(name) || name.length > MAX_NAME_LENGTH) {
    const suggestion = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "");
    throw new MigrationError(
      `Invalid migration name "${name}": use lower-case letters, digits and underscores ` +
        `(at most ${MAX_NAME_LENGTH} characters)` +
        (suggestion && suggestion !== name
          ? `, e.g. "${suggestion.slice(0, MAX_NAME_LENGTH)}".`
          : "."),
    );
  }
  const schemaPath = options.schemaPath ?? paths.schema;
  const dir = options.migrationsDir ?? paths.migrations;
  const folder = await readMigrationsFolder(dir);

  const { inSync, sql: steps } = await diffFolder(schemaPath, folder);
  if (inSync) {
    throw new MigrationError(
      `No changes: ${repoRelative(schemaPath)} already matches the migrations in ` +
        `${repoRelative(dir)}, so there is nothing to put in a migration. ` +
        "Edit the schema first (for SQL that Prisma does not model, such as triggers, write " +
        "the migration.sql by hand).",
    );
  }

  const folderName = `${timestampAfter(folder, options.now ?? new Date())}_${name}`;
  const migrationDir = join(dir, folderName);
  if (existsSync(migrationDir)) {
    throw new MigrationError(`The migration folder ${migrationDir} already exists.`);
  }
  const warnings = dataLossWarnings(steps);
  const sql = warningsHeader(warnings) + steps;
  await mkdir(migrationDir, { recursive: true });
  const path = join(migrationDir, MIGRATION_FILE);
  await writeFile(path, sql, "utf8");
  if (folder.lockfile === null) await writeFile(join(dir, LOCKFILE_NAME), LOCKFILE_CONTENT, "utf8");
  return { name: folderName, path, sql, warnings };
}

/**
 * Prisma's timestamp (UTC, YYYYMMDDHHMMSS). Migrations apply in name order, so if the clock
 * would put the new one before the latest existing one (clock skew, or two in one second),
 * take the second after it instead.
 */
function timestampAfter(folder: MigrationsFolder, now: Date): string {
  let stamp = formatTimestamp(now);
  const latest = folder.migrations.at(-1)?.name.slice(0, 14);
  if (latest && /^\d{14}$/.test(latest) && stamp <= latest) {
    stamp = formatTimestamp(new Date(parseTimestamp(latest).getTime() + 1000));
  }
  return stamp;
}

function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function parseTimestamp(stamp: string): Date {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) =>
    Number(stamp.slice(at, at + (i === 0 ? 4 : 2))),
  ) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}
