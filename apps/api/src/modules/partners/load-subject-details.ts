/**
 * Batch loaders for the partner view of a customer: one statement each per request, however
 * many subjects the page holds. Each runs only for the subjects whose field the privacy
 * middleware has already allowed, so a redacted field costs no query.
 */
import type { PrismaClient } from "@privet/db/client";
import { groupBy } from "../../context/loaders.js";

/** Newest first; older events stay in the database but are not served. */
export const NAVIGATION_EVENTS_PER_SUBJECT = 50;

/** The cookie ID of each customer's first visitor: their pseudonymous ID for advertising. */
export async function firstCookieIds(
  prisma: PrismaClient,
  customerIds: readonly string[],
): Promise<Array<string | null>> {
  const rows = await prisma.visitor.findMany({
    where: { customerId: { in: [...customerIds] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { customerId: true, cookieId: true },
  });
  return groupBy(customerIds, rows, (row) => row.customerId ?? "").map(
    (group) => group[0]?.cookieId ?? null,
  );
}

/** The last four digits of each customer's current card (the newest not replaced). */
export async function currentCardLast4(
  prisma: PrismaClient,
  customerIds: readonly string[],
): Promise<Array<string | null>> {
  const rows = await prisma.paymentMethod.findMany({
    where: { customerId: { in: [...customerIds] }, replacedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { customerId: true, last4: true },
  });
  return groupBy(customerIds, rows, (row) => row.customerId).map(
    (group) => group[0]?.last4 ?? null,
  );
}

export interface NavigationRow {
  readonly subjectId: string;
  readonly path: string;
  readonly occurredAt: Date;
}

/**
 * Each customer's newest navigation events, recorded against the customer or against a
 * visitor merged into them, in one statement (a window per subject).
 */
export async function recentNavigation(
  prisma: PrismaClient,
  customerIds: readonly string[],
): Promise<NavigationRow[][]> {
  const ids = [...customerIds];
  const rows = await prisma.$queryRaw<
    Array<{ subjectId: string; path: string; occurredAt: Date | string }>
  >`
    SELECT e."subjectId", e."path", e."occurredAt"
    FROM (
      SELECT COALESCE(n."customerId", v."customerId")::text AS "subjectId", n."path",
             n."occurredAt", n."id",
             ROW_NUMBER() OVER (
               PARTITION BY COALESCE(n."customerId", v."customerId")
               ORDER BY n."occurredAt" DESC, n."id" DESC
             ) AS "rank"
      FROM "NavigationEvent" n
      JOIN "Visitor" v ON v."id" = n."visitorId"
      WHERE n."customerId" = ANY(${ids}::uuid[]) OR v."customerId" = ANY(${ids}::uuid[])
    ) e
    WHERE e."rank" <= ${NAVIGATION_EVENTS_PER_SUBJECT}
    ORDER BY e."occurredAt" DESC, e."id" DESC`;
  return groupBy(
    customerIds,
    rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) })),
    (row) => row.subjectId,
  );
}
