/**
 * Incidents with their counts and clocks: one statement for the incidents, one grouped count
 * of their notices by status, however many incidents the page holds. An incident with no
 * notice yet is counted from the data (count-affected-customers.ts), one aggregate each: the
 * register shows who it affects from the start, not 0 until notices are drafted. One more
 * grouped count finds approved notices nobody can receive (customers erased since), which do
 * not keep an incident from closing.
 */
import type { PrismaClient } from "@privet/db/client";
import {
  breachIndividualNoticeDue,
  daysLeft,
  requiresAttorneyGeneralNotice,
} from "@privet/domain/clocks";
import { allowedBreachActions } from "./breach-actions.js";
import { BreachIncident } from "./breach-incident.type.js";
import { type AffectedCounts, countAffectedCustomers } from "./count-affected-customers.js";

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
  // Approved notices to customers erased since: never sendable, so they do not hold closing up.
  const unreachable = await prisma.breachNotice.groupBy({
    by: ["incidentId"],
    where: {
      incidentId: { in: rows.map((row) => row.id) },
      status: "APPROVED",
      customer: { erasedAt: { not: null } },
    },
    _count: { _all: true },
  });
  const countOf = (incidentId: string, status: string) =>
    counts.find((c) => c.incidentId === incidentId && c.status === status)?._count._all ?? 0;
  const undrafted = new Map<string, AffectedCounts>(
    await Promise.all(
      rows
        .filter((row) => !counts.some((c) => c.incidentId === row.id))
        .map(async (row) => [row.id, await countAffectedCustomers(prisma, row)] as const),
    ),
  );
  return rows.map((row) => {
    const due = breachIndividualNoticeDue(row.discoveredAt);
    const draft = countOf(row.id, "DRAFT");
    const approved = countOf(row.id, "APPROVED");
    const sent = countOf(row.id, "SENT");
    const live = undrafted.get(row.id);
    const affectedCustomers = live?.affected ?? draft + approved + sent;
    const unreachableNotices = unreachable.find((u) => u.incidentId === row.id)?._count._all ?? 0;
    const californiaResidents = live?.californiaResidents ?? row.californiaResidents;
    // The stored flag is set from the count when drafted; recomputed here from the same rule.
    const agRequired = requiresAttorneyGeneralNotice(californiaResidents);
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
      affectedCustomers,
      californiaResidents,
      attorneyGeneralNoticeRequired: agRequired,
      individualNoticeDue: due,
      attorneyGeneralNoticeDue: agRequired ? due : null,
      daysLeft: daysLeft(due, now),
      draftNotices: draft,
      approvedNotices: approved,
      sentNotices: sent,
      unreachableNotices,
      actions: allowedBreachActions({
        status: row.status,
        draftNotices: draft,
        approvedNotices: approved,
        sentNotices: sent,
        unreachableNotices,
        affectedCustomers,
      }),
    });
  });
}
