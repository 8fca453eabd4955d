/**
 * The monthly partitions of the audit log (AccessRecord and its AccessRecordSubject index)
 * and of the staff action log (StaffAction): see the migration "history_partitions".
 *
 * Partitions are made ahead of time, so an entry always lands in its month's partition:
 * by the migration (this month and the next three), at every API start and by the checkpoint
 * job on each run (`ensureHistoryPartitions`: a few catalogue lookups when nothing is
 * missing), and by the seed for its back-dated demo history. An entry whose month has no
 * partition goes to the table's DEFAULT partition instead of failing.
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import type { Queryable } from "../verification/verify-history.js";

/** The partitioned tables, by the history each belongs to. */
export const PARTITIONED_TABLES = {
  AUDIT_LOG: ["AccessRecord", "AccessRecordSubject"],
  STAFF_ACTIONS: ["StaffAction"],
} as const;

export type ArchivableHistory = keyof typeof PARTITIONED_TABLES;
export const ARCHIVABLE_HISTORIES: readonly ArchivableHistory[] = ["AUDIT_LOG", "STAFF_ACTIONS"];

/** Months made ahead of the current one. */
export const MONTHS_AHEAD = 3;

/** A month as "YYYY-MM" (UTC). */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): value is Month {
  return MONTH.test(value);
}

export function monthOf(date: Date): Month {
  return date.toISOString().slice(0, 7);
}

/** The month `count` months after `month` (before, when negative). */
export function addMonths(month: Month, count: number): Month {
  const [year, index] = month.split("-").map(Number) as [number, number];
  return monthOf(new Date(Date.UTC(year, index - 1 + count, 1)));
}

/** The first instant of a month, UTC. */
export function monthStart(month: Month): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

/**
 * Makes the partitions missing from `from`'s month (default: now's) to `monthsAhead` months
 * after now's, for every partitioned table; returns how many were made. Safe to run from
 * several processes at once (the SQL function takes an advisory lock).
 */
export async function ensureHistoryPartitions(
  prisma: Pick<PrismaClient, "$queryRaw">,
  options: { readonly from?: Date; readonly now?: Date; readonly monthsAhead?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const last = monthStart(addMonths(monthOf(now), options.monthsAhead ?? MONTHS_AHEAD));
  const first = options.from && options.from < now ? options.from : now;
  const [row] = await prisma.$queryRaw<{ made: number }[]>`
    SELECT "privet_ensure_history_partitions"(${first}::timestamptz, ${last}::timestamptz) AS "made"`;
  return Number(row?.made ?? 0);
}

export interface HistoryPartition {
  readonly table: string;
  readonly partition: string;
  /** Its month; null for the DEFAULT partition. */
  readonly month: Month | null;
}

/** Every partition of the partitioned tables, oldest month first, each table's default last. */
export async function listHistoryPartitions(db: Queryable): Promise<HistoryPartition[]> {
  const rows = await db.$queryRaw<{ table: string; partition: string }[]>`
    SELECT p.relname AS "table", c.relname AS "partition"
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname IN ('AccessRecord', 'AccessRecordSubject', 'StaffAction')
      AND p.relnamespace = current_schema()::regnamespace`;
  return rows
    .map((row) => ({ ...row, month: partitionMonth(row.table, row.partition) }))
    .sort(
      (a, b) =>
        a.table.localeCompare(b.table) ||
        (a.month ?? "9999-99").localeCompare(b.month ?? "9999-99"),
    );
}

/** "AccessRecord_p2026_11" → "2026-11"; the default partition → null. */
export function partitionMonth(table: string, partition: string): Month | null {
  const suffix = partition.slice(table.length);
  const match = /^_p(\d{4})_(\d{2})$/.exec(suffix);
  return match ? `${match[1]}-${match[2]}` : null;
}

/** The partition of `table` for `month`, as the SQL function names it. */
export function partitionName(table: string, month: Month): string {
  return `${table}_p${month.replace("-", "_")}`;
}
