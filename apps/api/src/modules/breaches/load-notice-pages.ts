/**
 * One page of notices for each of several incidents: the page's ids in one statement (a
 * window per incident), then the notices with their recipients in a second.
 */
import { Prisma, type PrismaClient } from "@privet/db/client";
import { groupBy } from "../../context/loaders.js";
import type { BreachNoticeStatus } from "./breach-enums.js";
import type { BreachNoticeRow } from "./breach-notice.type.js";

export async function loadNoticePages(
  prisma: PrismaClient,
  incidentIds: readonly string[],
  page: { first: number; afterId: string | null; status: BreachNoticeStatus | null },
): Promise<BreachNoticeRow[][]> {
  const after = page.afterId ? Prisma.sql`AND n."id" > ${page.afterId}::uuid` : Prisma.empty;
  const status = page.status ? Prisma.sql`AND n."status"::text = ${page.status}` : Prisma.empty;
  const ids = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT p."id"::text AS "id" FROM (
      SELECT n."id", ROW_NUMBER() OVER (PARTITION BY n."incidentId" ORDER BY n."id") AS "rank"
      FROM "BreachNotice" n
      WHERE n."incidentId" = ANY(${[...incidentIds]}::uuid[]) ${after} ${status}
    ) p WHERE p."rank" <= ${page.first}`;
  if (ids.length === 0) return incidentIds.map(() => []);
  const rows = await prisma.breachNotice.findMany({
    where: { id: { in: ids.map((row) => row.id) } },
    orderBy: { id: "asc" },
    include: {
      customer: { select: { name: true, email: true, country: true, region: true } },
      email: { select: { status: true } },
    },
  });
  return groupBy(incidentIds, rows, (row) => row.incidentId);
}
