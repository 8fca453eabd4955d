/**
 * Data-loss warnings for a new migration. `prisma migrate dev` puts them at the top of
 * migration.sql, but they come from the engine's createMigration / evaluateDataLoss, which the
 * WASM engine refuses without a shadow database of its own ("shadow DB must be provided through
 * an external factory"). So we read them off the SQL the engine's diff renders, whose shape is
 * fixed (one `-- Step` comment, then statements; ALTER TABLE clauses one per line). They err on
 * the side of warning: with no data to look at, every risky step is named.
 */

export function dataLossWarnings(sql: string): string[] {
  const warnings: string[] = [];
  const createdTables = new Set([...sql.matchAll(/CREATE TABLE "([^"]+)"/g)].map((m) => m[1]));

  for (const [, table] of sql.matchAll(/^DROP TABLE "([^"]+)"/gm)) {
    warnings.push(
      `You are about to drop the \`${table}\` table. If the table is not empty, all the data it contains will be lost.`,
    );
  }
  for (const [, table = "", body = ""] of sql.matchAll(/^ALTER TABLE "([^"]+)" ([^;]*);/gm)) {
    for (const clause of body.split(/,\n/)) {
      const column = /"([^"]+)"/.exec(clause)?.[1];
      if (/^DROP COLUMN /.test(clause)) {
        warnings.push(
          `You are about to drop the column \`${column}\` on the \`${table}\` table. All the data in the column will be lost.`,
        );
      } else if (
        /^ADD COLUMN /.test(clause) &&
        /NOT NULL/.test(clause) &&
        !/DEFAULT/.test(clause)
      ) {
        warnings.push(
          `Added the required column \`${column}\` to the \`${table}\` table without a default value. This is not possible if the table is not empty.`,
        );
      } else if (/^ALTER COLUMN .* SET NOT NULL/.test(clause)) {
        warnings.push(
          `Made the column \`${column}\` on table \`${table}\` required. If it holds NULL values, this migration will fail.`,
        );
      } else if (/^ALTER COLUMN .* SET DATA TYPE/.test(clause)) {
        warnings.push(
          `You are about to alter the column \`${column}\` on the \`${table}\` table: its data will be cast to ${clause.replace(/^.* SET DATA TYPE /, "")}. Check that every value converts.`,
        );
      }
    }
  }
  for (const [, enumName] of sql.matchAll(/^CREATE TYPE "([^"]+)_new" AS ENUM/gm)) {
    warnings.push(
      `Values are removed from the enum \`${enumName}\`. If rows still use them, this migration will fail.`,
    );
  }
  for (const [, table = "", columns] of sql.matchAll(
    /^CREATE UNIQUE INDEX "[^"]+" ON "([^"]+)"\(([^)]*)\)/gm,
  )) {
    if (createdTables.has(table)) continue;
    warnings.push(
      `A unique constraint covering the columns \`[${columns?.replaceAll('"', "")}]\` on the table \`${table}\` will be added. If there are existing duplicate values, this will fail.`,
    );
  }
  return warnings;
}

/** The warnings as Prisma writes them at the top of migration.sql. */
export function warningsHeader(warnings: readonly string[]): string {
  if (warnings.length === 0) return "";
  return `/*\n  Warnings:\n\n${warnings.map((warning) => `  - ${warning}\n`).join("")}\n*/\n`;
}
