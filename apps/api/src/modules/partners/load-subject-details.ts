/**
 * Batch loaders for the partner view of a customer: one statement each per request, however
 * many subjects the page holds. Each runs only for the subjects whose field the privacy
 * middleware has already allowed, so a redacted field costs no query.
 */
import type { PrismaClient, SqlReader } from "@privet/db/client";
import { groupBy } from "../../context/loaders.js";

/** One row of a partner's page: the customer, and the details the query selected. */
export interface SubjectPageRow {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly country: string;
  /** Erased: listed only by a changedSince sync, so the processor deletes what it holds. */
  readonly erased: boolean;
  /** Their first visitor's cookie id; undefined when not selected. */
  readonly cookieId?: string | null;
  /** Their current card's last four digits; undefined when not selected. */
  readonly cardLast4?: string | null;
}

/** The first visitor's cookie, in the order firstCookieIds uses. */
const FIRST_COOKIE_ID = `(SELECT v."cookieId"::text FROM "Visitor" v WHERE v."customerId" = c."id"
    ORDER BY v."createdAt" ASC, v."id" ASC LIMIT 1)`;
/** The current card's last four, in the order currentCardLast4 uses. */
const CURRENT_CARD_LAST4 = `(SELECT p."last4"::text FROM "PaymentMethod" p
    WHERE p."customerId" = c."id" AND p."replacedAt" IS NULL
    ORDER BY p."createdAt" DESC, p."id" DESC LIMIT 1)`;

/**
 * The customers whose partner-visible data changed after $2: their row (profile fields and
 * erasure bump Customer.updatedAt) or one of their current consents. Each half reads its own
 * updatedAt index, so a sync touches only what changed (load-subject-details.test.ts EXPLAINs).
 */
const CHANGED_SINCE = `c."id" IN (
    SELECT x."id" FROM "Customer" x WHERE x."updatedAt" > $2::timestamptz
    UNION
    SELECT cc."subjectId" FROM "ConsentCurrent" cc
      WHERE cc."updatedAt" > $2::timestamptz AND cc."subjectKind" = 'CUSTOMER')`;

/**
 * A page of customers in id order after `afterId`, with the cookie id and card the query
 * selected, in ONE statement through the SQL reader: the page, and no loader statement after
 * it. Without `changedSince` erased customers are left out; with it, only those changed since
 * are listed, erased ones included (with `erased` set) so the processor learns to delete.
 * The SQL text is made only of the constants above; values are parameters.
 * Loading a detail the privacy guard then redacts costs an index probe per row, and the value
 * never leaves the process: the guard decides every field before it is resolved.
 */
export async function subjectPage(
  reader: SqlReader,
  page: {
    afterId: string | null;
    limit: number;
    cookieIds: boolean;
    cardLast4: boolean;
    changedSince?: Date | null;
  },
): Promise<SubjectPageRow[]> {
  // Only the conditions in use are in the text (a generic plan then keeps the id range).
  const args: Array<string | number> = [page.limit];
  const conditions = [page.changedSince ? CHANGED_SINCE : `c."erasedAt" IS NULL`];
  if (page.changedSince) args.push(page.changedSince.toISOString());
  if (page.afterId) {
    args.push(page.afterId);
    conditions.push(`c."id" > $${args.length}::uuid`);
  }
  return reader.query<SubjectPageRow & Record<string, unknown>>(
    `SELECT c."id"::text AS "id", c."name", c."email", c."country"::text AS "country",
      (c."erasedAt" IS NOT NULL) AS "erased"` +
      (page.cookieIds ? `, ${FIRST_COOKIE_ID} AS "cookieId"` : "") +
      (page.cardLast4 ? `, ${CURRENT_CARD_LAST4} AS "cardLast4"` : "") +
      ` FROM "Customer" c WHERE ${conditions.join(" AND ")}` +
      ` ORDER BY c."id" ASC LIMIT $1::int`,
    args,
  );
}

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
