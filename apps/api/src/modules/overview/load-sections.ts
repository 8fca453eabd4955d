/**
 * The overview's lists, each read only for a role the permission table lets see its area
 * (the operation named beside it), so the overview never shows a role more than its areas
 * would. One statement each, bounded; no personal field is selected, so nothing is audited.
 */
import { daysLeft } from "@privet/domain/clocks";
import { type StaffOperation, staffRolesFor } from "@privet/domain/permissions";
import type { Context } from "../../context/context.js";
import type { BreachClock, RecentBreakGlassGrant, RequestsDue } from "./overview-sections.type.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** GDPR Art. 33(1): the supervisory authority is told within 72 hours of becoming aware. */
const AUTHORITY_NOTICE_HOURS = 72;
const OPEN_REQUEST = ["RECEIVED", "VERIFIED", "IN_PROGRESS"] as const;

/** Whether the caller's role may call `operation`: the permission table, read the one way. */
export function roleMaySee(context: Context, operation: StaffOperation): boolean {
  const { principal } = context.viewer;
  return principal.kind === "staff" && (staffRolesFor(operation) ?? []).includes(principal.role);
}

export async function requestsDue(context: Context): Promise<RequestsDue> {
  const now = context.request.now;
  // The end of the 7th UTC day counting today: "this week" from the reader's morning on.
  const weekEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 7));
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const open = { status: { in: [...OPEN_REQUEST] } };
  const [overdue, dueThisWeek, rows] = await Promise.all([
    context.prisma.privacyRequest.count({ where: { ...open, dueAt: { lt: today } } }),
    context.prisma.privacyRequest.count({ where: { ...open, dueAt: { gte: today, lt: weekEnd } } }),
    context.prisma.privacyRequest.findMany({
      where: { ...open, dueAt: { lt: weekEnd } },
      select: { id: true, kind: true, status: true, jurisdiction: true, dueAt: true },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: 20,
    }),
  ]);
  return {
    overdue,
    dueThisWeek,
    requests: rows.map((row) => ({ ...row, daysLeft: daysLeft(row.dueAt, now) })),
  };
}

export async function openBreaches(context: Context): Promise<BreachClock[]> {
  const now = context.request.now.getTime();
  const rows = await context.prisma.breachIncident.findMany({
    where: { status: { not: "CLOSED" } },
    select: { id: true, title: true, discoveredAt: true, status: true },
    orderBy: [{ discoveredAt: "asc" }, { id: "asc" }],
    take: 20,
  });
  return rows.map((row) => {
    const due = row.discoveredAt.getTime() + AUTHORITY_NOTICE_HOURS * HOUR;
    return {
      id: row.id,
      title: row.title,
      discoveredAt: row.discoveredAt,
      authorityNoticeDue: new Date(due),
      hoursLeft: Math.floor((due - now) / HOUR),
      notifying: row.status === "NOTIFYING",
    };
  });
}

export async function recentBreakGlassGrants(context: Context): Promise<RecentBreakGlassGrant[]> {
  const now = context.request.now;
  const rows = await context.prisma.breakGlassGrant.findMany({
    where: { startsAt: { gte: new Date(now.getTime() - 30 * DAY) } },
    select: { id: true, reason: true, startsAt: true, expiresAt: true, revokedAt: true },
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
    take: 10,
  });
  return rows.map((row) => ({
    ...row,
    active: row.revokedAt === null && row.startsAt <= now && now < row.expiresAt,
  }));
}
