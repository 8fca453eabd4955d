/**
 * How many customers an incident affects, and how many of them live in California, counted
 * from the data itself (affected-customers.ts) in one aggregate: for an incident whose notices
 * are not drafted yet (the demo data's, or one imported), so its register entry shows who it
 * affects from the moment it is recorded rather than 0 until someone drafts.
 */
import { Prisma, type PrismaClient } from "@privet/db/client";
import { isDataCategory } from "@privet/domain/taxonomy";
import { affectedCustomersSql } from "./affected-customers.js";

export interface AffectedCounts {
  readonly affected: number;
  readonly californiaResidents: number;
}

export async function countAffectedCustomers(
  prisma: PrismaClient,
  incident: { categories: readonly string[]; windowStart: Date; windowEnd: Date },
): Promise<AffectedCounts> {
  // Stored categories were validated when recorded; anything else is ignored, not trusted.
  const categories = incident.categories.filter(isDataCategory);
  if (categories.length === 0) return { affected: 0, californiaResidents: 0 };
  const affected = affectedCustomersSql(categories, {
    start: incident.windowStart,
    end: incident.windowEnd,
  });
  const [row] = await prisma.$queryRaw<Array<{ affected: number; california: number }>>(
    Prisma.sql`SELECT count(*)::int AS affected,
      (count(*) FILTER (WHERE c."country" = 'US' AND c."region" = 'CA'))::int AS california
    FROM (${affected}) AS a JOIN "Customer" c ON c."id" = a.customer_id`,
  );
  return { affected: row?.affected ?? 0, californiaResidents: row?.california ?? 0 };
}
