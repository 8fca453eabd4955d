/**
 * Who a breach affected (P-17): the customers whose data in the incident's categories Privet
 * held at some moment of the exposure window, found in one set-based statement.
 *
 * The window is half-open, [windowStart, windowEnd). A record was held at a moment t when it
 * existed then: created before t, and not yet erased or replaced. So a record counts when it
 * was created before the window ended and was not erased (or replaced) before the window
 * started — it overlaps the window. Per category, where the record lives:
 *
 *   - name, email, country, password hash: the Customer row itself, created before the
 *     window end;
 *   - card brand, last four, expiry, processor token: a PaymentMethod created before the
 *     window end and not replaced at or before the window start (see "Replaced cards" below);
 *   - IP address, browser, OS: a customer's Session created before the window end (session
 *     rows are kept after they expire, so a stored one was held from its creation on);
 *   - cookie ID: a Visitor linked to the customer, from when it was merged into the account
 *     (before that it named no one) — or from its creation when it has no merge time;
 *   - navigation: a NavigationEvent recorded before the window end against the customer, or
 *     against a visitor already merged into them by then;
 *   - messages: a SupportRequest the customer sent before the window end;
 *   - records about other individuals: a CustomerHeldRecord created before the window end.
 *
 * And always: the customer was created before the window end and was not erased at or
 * before the window start (erasure anonymises the customer and removes their data, so a
 * customer erased before the exposure had nothing left to expose). A customer erased during
 * or after the window is affected — their data was there — but has no address left to write
 * to: see send-breach-notices.
 *
 * Replaced cards: replacing a card stamps `replacedAt` but keeps the row (the processor token
 * included), so strictly the old row stays held. We still end a card's exposure at its
 * replacement, because that is when Privet stopped using it and the only end the data
 * records; an incident about stored history rather than live data should widen its window.
 *
 * What cannot be found: rows deleted outright leave no trace, so no one is found through them.
 */
import { Prisma } from "@privet/db/client";
import type { DataCategory } from "@privet/domain/taxonomy";

type Source =
  | "customer"
  | "payment_method"
  | "session"
  | "visitor"
  | "navigation"
  | "support_request"
  | "held_record";

/** Where each category is held. A Record, so a new category in the taxonomy must be placed. */
export const CATEGORY_SOURCES: Readonly<Record<DataCategory, Source>> = {
  "user.name": "customer",
  "user.contact.email": "customer",
  "user.contact.country": "customer",
  "user.credentials.password": "customer",
  "user.financial.card.brand": "payment_method",
  "user.financial.card.last4": "payment_method",
  "user.financial.card.expiry": "payment_method",
  "user.financial.card.token": "payment_method",
  "user.device.ip_address": "session",
  "user.device.browser": "session",
  "user.device.os": "session",
  "user.device.cookie_id": "visitor",
  "user.behavior.navigation": "navigation",
  "user.content.message": "support_request",
  "user.held.other_individuals": "held_record",
};

export interface ExposureWindow {
  readonly start: Date;
  readonly end: Date;
}

/** One SELECT (customer_id, category) per source, over the categories held there. */
function sourceQuery(source: Source, categories: string[], window: ExposureWindow): Prisma.Sql {
  const cats = Prisma.sql`CROSS JOIN unnest(${categories}::text[]) AS k(category)`;
  const end = Prisma.sql`${window.end}::timestamptz`;
  const start = Prisma.sql`${window.start}::timestamptz`;
  switch (source) {
    case "customer":
      return Prisma.sql`SELECT c."id" AS customer_id, k.category FROM "Customer" c ${cats}
        WHERE c."createdAt" < ${end}`;
    case "payment_method":
      return Prisma.sql`SELECT p."customerId" AS customer_id, k.category FROM "PaymentMethod" p ${cats}
        WHERE p."createdAt" < ${end} AND (p."replacedAt" IS NULL OR p."replacedAt" > ${start})`;
    case "session":
      return Prisma.sql`SELECT s."customerId" AS customer_id, k.category FROM "Session" s ${cats}
        WHERE s."customerId" IS NOT NULL AND s."createdAt" < ${end}`;
    case "visitor":
      return Prisma.sql`SELECT v."customerId" AS customer_id, k.category FROM "Visitor" v ${cats}
        WHERE v."customerId" IS NOT NULL AND COALESCE(v."mergedAt", v."createdAt") < ${end}`;
    case "navigation":
      return Prisma.sql`SELECT COALESCE(n."customerId", v."customerId") AS customer_id, k.category
        FROM "NavigationEvent" n JOIN "Visitor" v ON v."id" = n."visitorId" ${cats}
        WHERE n."occurredAt" < ${end}
          AND (n."customerId" IS NOT NULL
               OR (v."customerId" IS NOT NULL AND COALESCE(v."mergedAt", v."createdAt") < ${end}))`;
    case "support_request":
      return Prisma.sql`SELECT r."customerId" AS customer_id, k.category FROM "SupportRequest" r ${cats}
        WHERE r."customerId" IS NOT NULL AND r."createdAt" < ${end}`;
    case "held_record":
      return Prisma.sql`SELECT h."customerId" AS customer_id, k.category FROM "CustomerHeldRecord" h ${cats}
        WHERE h."createdAt" < ${end}`;
  }
}

/**
 * A subquery yielding one row per affected customer: `customer_id` and `categories` (the
 * incident's categories that Privet held about them in the window, sorted). Scans only the
 * tables the categories live in; no row per customer reaches JavaScript.
 */
export function affectedCustomersSql(
  categories: readonly DataCategory[],
  window: ExposureWindow,
): Prisma.Sql {
  const bySource = new Map<Source, string[]>();
  for (const category of categories) {
    const source = CATEGORY_SOURCES[category];
    bySource.set(source, [...(bySource.get(source) ?? []), category]);
  }
  const branches = [...bySource].map(([source, cats]) => sourceQuery(source, cats, window));
  return Prisma.sql`
    SELECT held.customer_id, array_agg(DISTINCT held.category ORDER BY held.category) AS categories
    FROM (${Prisma.join(branches, " UNION ALL ")}) AS held
    JOIN "Customer" c ON c."id" = held.customer_id
    WHERE c."createdAt" < ${window.end}::timestamptz
      AND (c."erasedAt" IS NULL OR c."erasedAt" > ${window.start}::timestamptz)
    GROUP BY held.customer_id`;
}
