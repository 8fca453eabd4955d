/**
 * Incidents with their counts and clocks: one statement for the incidents, one grouped count
 * of their notices by status, however many incidents the page holds.
 */
import type { PrismaClient } from "@privet/db/client";
import {
  breachIndividualNoticeDue,
  daysLeft,
  requiresAttorneyGeneralNotice,
} from "@privet/domain/clocks";
import { BreachIncident } from "./breach-incident.type.js";

export async function loadBreachIncidents(
  prisma: PrismaClient,
  query: { id?: string; first: number },
  now: Date,
): Promise<BreachIncident[]> {
  const rows = await prisma.breachIncident.findMany({
    where: query.id ? { id: query.id } : {},
    orderBy: [{ discoveredAt: "desc" }, { id: "desc" }],
    take: query.first,
  });
  if (rows.length === 0) return [];
  const counts = await prisma.breachNotice.groupBy({
    by: ["incidentId", "status"],
    where: { incidentId: { in: rows.map((row) => row.id) } },
    _count: { _all: true },
  });
  const countOf = (incidentId: string, status: string) =>
    counts.find((c) => c.incidentId === incidentId && c.status === status)?._count._all ?? 0;
  return rows.map((row) => {
    const due = breachIndividualNoticeDue(row.discoveredAt);
    // The stored flag is set from the count when drafted; recomputed here from the same rule.
    const agRequired = requiresAttorneyGeneralNotice(row.californiaResidents);
    const draft = countOf(row.id, "DRAFT");
    const approved = countOf(row.id, "APPROVED");
    const sent = countOf(row.id, "SENT");
    return Object.assign(new BreachIncident(), {
      id: row.id,
      title: row.title,
      description: row.description,
      discoveredAt: row.discoveredAt,
      windowStart: row.windowStart,
      windowEnd: row.windowEnd,
      categories: row.categories,
      status: row.status,
      createdAt: row.createdAt,
      affectedCustomers: draft + approved + sent,
      californiaResidents: row.californiaResidents,
      attorneyGeneralNoticeRequired: agRequired,
      individualNoticeDue: due,
      attorneyGeneralNoticeDue: agRequired ? due : null,
      daysLeft: daysLeft(due, now),
      draftNotices: draft,
      approvedNotices: approved,
      sentNotices: sent,
    });
  });
}
