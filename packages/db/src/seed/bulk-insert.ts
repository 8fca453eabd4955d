/**
 * One INSERT for many rows: the rows travel as a single JSON parameter and
 * jsonb_to_recordset turns them back into typed columns inside the database. Prisma's
 * createMany would build (and compile a plan for) a statement with a parameter per value,
 * a new plan for every batch size; this is one plan, and one round trip per batch.
 */
import type { Prisma } from "../generated/prisma/client.js";

/** A column and its SQL type as jsonb_to_recordset should read it (e.g. `uuid`, `"Purpose"`). */
export type ColumnTypes = Readonly<Record<string, string>>;

/** Rows per statement: large enough to amortise the round trip, small enough to stay cheap. */
const BATCH = 1000;

/**
 * Inserts `rows` (objects keyed by column name; Dates as ISO strings, bigints as numbers)
 * into `table`, through its triggers. Returns how many rows were inserted.
 */
export async function insertRows(
  db: Pick<Prisma.TransactionClient, "$executeRawUnsafe">,
  table: string,
  columns: ColumnTypes,
  rows: readonly Record<string, unknown>[],
  /** Skip rows that collide with a unique key (createMany's skipDuplicates). */
  options: { readonly skipDuplicates?: boolean } = {},
): Promise<number> {
  const names = Object.keys(columns).map((name) => `"${name}"`);
  const record = Object.entries(columns)
    .map(([name, type]) => `"${name}" ${type}`)
    .join(", ");
  // Table and column names are this package's own constants, never input. Rows go in in the
  // order given (a chain's links must arrive oldest first: its insert trigger checks each).
  const sql = `INSERT INTO "${table}" (${names.join(", ")})
    SELECT ${names.join(", ")}
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${record})) WITH ORDINALITY AS r(${names.join(", ")}, "ordinality")
    ORDER BY "ordinality"${options.skipDuplicates ? " ON CONFLICT DO NOTHING" : ""}`;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    inserted += await db.$executeRawUnsafe(sql, JSON.stringify(batch, jsonValue));
  }
  return inserted;
}

function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? Number(value) : value;
}
