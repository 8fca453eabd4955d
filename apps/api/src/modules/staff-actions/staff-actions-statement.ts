/**
 * One page of the staff action log in one statement, newest or oldest first: ordered by
 * (occurredAt, id) — a total order, so keyset pages neither repeat nor skip an entry — with
 * each entry's staff member's name joined in. From the previous page's last entry, the first
 * condition bounds the scan of an index on time (occurredAt; with the action filter
 * (action, occurredAt); with the staff member filter (staffUserId, occurredAt)), walked
 * backwards or forwards, and the second is the exact position among the entries of the same
 * millisecond: a page costs the same however long the log (staff-actions.test.ts EXPLAINs it).
 */
import { Prisma } from "@privet/db/client";
import type { TimeOrder } from "@privet/domain/staff-actions";

export interface StaffActionPageQuery {
  readonly staffUserId: string | null;
  readonly action: string | null;
  readonly outcome: string | null;
  /** The previous page's last entry. */
  readonly after: { readonly id: string; readonly occurredAt: Date } | null;
  readonly order: TimeOrder;
  readonly limit: number;
}

export interface StaffActionRow {
  id: string;
  requestId: string;
  staffUserId: string;
  staffName: string | null;
  staffRole: string;
  action: string;
  arguments: unknown;
  purpose: string | null;
  reference: string | null;
  outcome: string;
  errorCode: string | null;
  occurredAt: Date | string;
}

export function staffActionPageStatement(query: StaffActionPageQuery): Prisma.Sql {
  const newest = query.order === "NEWEST_FIRST";
  const all: Prisma.Sql[] = [];
  if (query.staffUserId) all.push(Prisma.sql`a."staffUserId" = ${query.staffUserId}::uuid`);
  if (query.action) all.push(Prisma.sql`a."action" = ${query.action}`);
  if (query.outcome) {
    all.push(Prisma.sql`a."outcome" = ${query.outcome}::"StaffActionOutcome"`);
  }
  if (query.after) {
    const { id, occurredAt } = query.after;
    all.push(
      newest
        ? Prisma.sql`a."occurredAt" <= ${occurredAt}::timestamptz`
        : Prisma.sql`a."occurredAt" >= ${occurredAt}::timestamptz`,
      newest
        ? Prisma.sql`(a."occurredAt", a."id") < (${occurredAt}::timestamptz, ${id}::uuid)`
        : Prisma.sql`(a."occurredAt", a."id") > (${occurredAt}::timestamptz, ${id}::uuid)`,
    );
  }
  const where = all.length ? Prisma.sql`WHERE ${Prisma.join(all, " AND ")}` : Prisma.empty;
  const direction = newest ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  return Prisma.sql`
    SELECT a."id"::text AS "id", a."requestId", a."staffUserId"::text AS "staffUserId",
           u."name" AS "staffName", a."staffRole"::text AS "staffRole", a."action",
           a."arguments", a."purpose"::text AS "purpose", a."reference",
           a."outcome"::text AS "outcome", a."errorCode", a."occurredAt"
    FROM "StaffAction" a
    LEFT JOIN "StaffUser" u ON u."id" = a."staffUserId"
    ${where}
    ORDER BY a."occurredAt" ${direction}, a."id" ${direction}
    LIMIT ${query.limit}`;
}
