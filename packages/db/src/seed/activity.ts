/**
 * Device data and browsing: sign-in sessions (IP from the documentation ranges, user agent with
 * its parsed browser and OS: P-01), visitors known by a cookie ID (some anonymous, some merged
 * into a customer's account), and navigation events — only for a subject whose REMARKETING
 * consent is GIVEN, and only after it was given (P-05).
 *
 * Seeded session rows cannot be used to sign in: their token hash is "seed:" plus random hex,
 * which no SHA-256 of a cookie value can equal, so nobody holds a token for them.
 */

import { uuid7 } from "../chain/uuid7.js";
import { insertRows } from "./bulk-insert.js";
import { type ConsentHistory, type ConsentStep, finalState, orderSteps } from "./consents.js";
import { chunks, type SeedContext } from "./context.js";
import { type CustomerIds, type CustomerPlan, customerId } from "./customers.js";
import { addMs, DAY, MINUTE, maxDate, minDate, Random, SECOND } from "./random.js";
import { DEMO_STAFF, type StaffIds, staffId } from "./staff.js";

interface UserAgent {
  readonly userAgent: string;
  readonly browser: string;
  readonly os: string;
}

// biome-ignore format: one user agent per line
export const USER_AGENTS: readonly UserAgent[] = [
  { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", browser: "Chrome 131", os: "Windows 10" },
  { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", browser: "Edge 131", os: "Windows 10" },
  { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", browser: "Firefox 133", os: "Windows 10" },
  { userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", browser: "Safari 18.1", os: "macOS 10.15" },
  { userAgent: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", browser: "Firefox 133", os: "Ubuntu" },
  { userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", browser: "Mobile Safari 18.1", os: "iOS 18.1" },
  { userAgent: "Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", browser: "Chrome Mobile 131", os: "Android 14" },
];

/** Documentation address ranges (RFC 5737): never a real visitor's address. */
const IP_PREFIXES = ["192.0.2.", "198.51.100.", "203.0.113."] as const;

const PAGES = [
  "/",
  "/pricing",
  "/features",
  "/features/contacts",
  "/features/invoicing",
  "/blog/five-ways-to-tidy-your-contacts",
  "/blog/whats-new-autumn-2026",
  "/docs/getting-started",
  "/help/billing",
  "/signup",
] as const;

const REFERRERS = [
  null,
  null,
  "https://search.example/",
  "https://news.example/technology",
  "https://social.example/feed",
] as const;

const SESSION_DAYS = 30;

export interface SessionPlan {
  readonly tokenHash: string;
  readonly customerEmail: string | null;
  readonly staffEmail: string | null;
  readonly ipAddress: string;
  readonly userAgent: string;
  readonly browser: string;
  readonly os: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

export interface NavigationPlan {
  readonly path: string;
  readonly referrer: string | null;
  readonly occurredAt: Date;
}

export interface VisitorPlan {
  readonly cookieId: string;
  /** Set when the visitor signed in and was merged into this customer's account. */
  readonly customerEmail: string | null;
  readonly createdAt: Date;
  readonly mergedAt: Date | null;
  readonly doNotTrackSeenAt: Date | null;
  readonly gpcSeenAt: Date | null;
  /** An anonymous visitor's own banner choices (a merged visitor's join the customer's). */
  readonly steps: readonly ConsentStep[];
  readonly navigation: readonly NavigationPlan[];
}

function session(
  rng: Random,
  owner: { customerEmail: string | null; staffEmail: string | null },
  from: Date,
  seedNow: Date,
): SessionPlan {
  const agent = rng.pick(USER_AGENTS);
  const createdAt = rng.dateBetween(from, seedNow);
  const expiresAt = addMs(createdAt, SESSION_DAYS * DAY);
  const lastSeenAt = rng.dateBetween(createdAt, minDate(expiresAt, addMs(seedNow, SECOND)));
  return {
    tokenHash: `seed:${rng.hex(64)}`,
    ...owner,
    ipAddress: `${rng.pick(IP_PREFIXES)}${rng.int(1, 254)}`,
    userAgent: agent.userAgent,
    browser: agent.browser,
    os: agent.os,
    createdAt,
    lastSeenAt,
    expiresAt,
    revokedAt: rng.chance(0.3)
      ? minDate(addMs(lastSeenAt, rng.int(1, 30) * MINUTE), seedNow)
      : null,
  };
}

export function planSessions(customers: readonly CustomerPlan[], seedNow: Date): SessionPlan[] {
  const rng = Random.for("sessions");
  const recent = addMs(seedNow, -180 * DAY);
  const sessions: SessionPlan[] = [];
  customers.forEach((customer, index) => {
    const count = index === 0 ? 2 : rng.chance(0.55) ? rng.int(1, 3) : 0;
    for (let i = 0; i < count; i++) {
      sessions.push(
        session(
          rng,
          { customerEmail: customer.email, staffEmail: null },
          maxDate(customer.createdAt, recent),
          seedNow,
        ),
      );
    }
  });
  for (const member of DEMO_STAFF) {
    const until = member.disabledAt ?? seedNow;
    const count = rng.int(1, 2);
    for (let i = 0; i < count; i++) {
      sessions.push(
        session(
          rng,
          { customerEmail: null, staffEmail: member.email },
          addMs(until, -60 * DAY),
          until,
        ),
      );
    }
  }
  return sessions;
}

function navigation(rng: Random, givenAt: Date, seedNow: Date): NavigationPlan[] {
  const from = maxDate(addMs(givenAt, MINUTE), addMs(seedNow, -120 * DAY));
  const events = Array.from({ length: rng.int(3, 14) }, () => ({
    path: rng.pick(PAGES),
    referrer: rng.pick(REFERRERS),
    occurredAt: rng.dateBetween(from, seedNow),
  }));
  return events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

/**
 * Visitors: one merged visitor for every customer who allows advertising (and for some who do
 * not), plus anonymous visitors with their own banner choices, Do Not Track and GPC signals.
 */
export function planVisitors(
  customers: readonly CustomerPlan[],
  customerSteps: ReadonlyMap<string, readonly ConsentStep[]>,
  seedNow: Date,
  anonymousCount = 60,
): VisitorPlan[] {
  const rng = Random.for("visitors");
  const visitors: VisitorPlan[] = [];
  for (const customer of customers) {
    const remarketing = finalState(customerSteps.get(customer.email) ?? [], "REMARKETING");
    const allows = remarketing?.state === "GIVEN";
    if (!allows && !rng.chance(0.4)) continue;
    visitors.push({
      cookieId: rng.hex(32),
      customerEmail: customer.email,
      createdAt: addMs(customer.createdAt, -rng.int(2, 90) * MINUTE),
      mergedAt: customer.createdAt,
      doNotTrackSeenAt: null,
      gpcSeenAt: remarketing?.source === "GPC" ? remarketing.at : null,
      steps: [],
      navigation: allows && remarketing ? navigation(rng, remarketing.at, seedNow) : [],
    });
  }

  for (let i = 0; i < anonymousCount; i++) {
    const createdAt = rng.dateBetween(new Date("2025-06-01T00:00:00Z"), addMs(seedNow, -DAY));
    const bannerAt = addMs(createdAt, rng.int(5, 120) * SECOND);
    const dnt = rng.chance(0.15);
    const gpc = rng.chance(0.1);
    const steps: ConsentStep[] = [];
    if (gpc) {
      steps.push({
        purpose: "REMARKETING",
        state: "WITHDRAWN",
        source: "GPC",
        at: bannerAt,
        evidence: { header: "Sec-GPC: 1" },
      });
    } else {
      const choice = rng.weighted<"GIVEN" | "REFUSED" | null>([
        ["GIVEN", 45],
        ["REFUSED", 25],
        [null, 30],
      ]);
      if (choice) {
        steps.push({
          purpose: "REMARKETING",
          state: choice,
          source: "BANNER",
          at: bannerAt,
          evidence: { banner: "consent-centre-v3", category: "ADVERTISING", dnt },
        });
        steps.push({
          purpose: "SERVICE_IMPROVEMENT",
          state: choice,
          source: "BANNER",
          at: addMs(bannerAt, SECOND),
          evidence: { banner: "consent-centre-v3", category: "ANALYTICS", dnt },
        });
      }
    }
    const ordered = orderSteps(steps, seedNow);
    const remarketing = finalState(ordered, "REMARKETING");
    visitors.push({
      cookieId: rng.hex(32),
      customerEmail: null,
      createdAt,
      mergedAt: null,
      // Recorded, not acted on (P-15).
      doNotTrackSeenAt: dnt ? createdAt : null,
      gpcSeenAt: gpc ? createdAt : null,
      steps: ordered,
      navigation: remarketing?.state === "GIVEN" ? navigation(rng, remarketing.at, seedNow) : [],
    });
  }
  return visitors;
}

/** Visitor ids by cookie ID. */
export type VisitorIds = ReadonlyMap<string, string>;

const VISITOR_COLUMNS = {
  id: "uuid",
  cookieId: "text",
  customerId: "uuid",
  createdAt: "timestamptz(3)",
  mergedAt: "timestamptz(3)",
  doNotTrackSeenAt: "timestamptz(3)",
  gpcSeenAt: "timestamptz(3)",
} as const;

const NAVIGATION_COLUMNS = {
  id: "uuid",
  visitorId: "uuid",
  customerId: "uuid",
  path: "text",
  referrer: "text",
  occurredAt: "timestamptz(3)",
} as const;

export async function seedVisitors(
  ctx: SeedContext,
  visitors: readonly VisitorPlan[],
  customers: CustomerIds,
): Promise<VisitorIds> {
  const { prisma } = ctx;
  ctx.created.visitors += await insertRows(
    prisma,
    "Visitor",
    VISITOR_COLUMNS,
    visitors.map((visitor) => ({
      id: uuid7(),
      cookieId: visitor.cookieId,
      customerId: visitor.customerEmail ? customerId(customers, visitor.customerEmail) : null,
      createdAt: visitor.createdAt,
      mergedAt: visitor.mergedAt,
      doNotTrackSeenAt: visitor.doNotTrackSeenAt,
      gpcSeenAt: visitor.gpcSeenAt,
    })),
    { skipDuplicates: true },
  );
  const rows = await prisma.visitor.findMany({
    where: { cookieId: { in: visitors.map((visitor) => visitor.cookieId) } },
    select: { id: true, cookieId: true },
  });
  return new Map(rows.map((row) => [row.cookieId, row.id]));
}

export function visitorHistories(
  visitors: readonly VisitorPlan[],
  ids: VisitorIds,
): ConsentHistory[] {
  return visitors
    .filter((visitor) => visitor.steps.length > 0)
    .map((visitor) => {
      const subjectId = ids.get(visitor.cookieId);
      if (!subjectId) throw new Error(`seed: visitor ${visitor.cookieId} is missing`);
      return { subjectKind: "VISITOR", subjectId, jurisdiction: null, steps: visitor.steps };
    });
}

/**
 * Navigation events for visitors that have none yet, and only where the projection says the
 * subject (the merged customer, or the anonymous visitor itself) has REMARKETING GIVEN.
 */
export async function seedNavigation(
  ctx: SeedContext,
  visitors: readonly VisitorPlan[],
  visitorIds: VisitorIds,
  customerIds: CustomerIds,
): Promise<void> {
  const { prisma } = ctx;
  const planned = visitors
    .filter((visitor) => visitor.navigation.length > 0)
    .map((visitor) => {
      const visitorId = visitorIds.get(visitor.cookieId);
      if (!visitorId) throw new Error(`seed: visitor ${visitor.cookieId} is missing`);
      const customer = visitor.customerEmail
        ? customerId(customerIds, visitor.customerEmail)
        : null;
      return { visitor, visitorId, customerId: customer };
    });
  if (planned.length === 0) return;

  const [recorded, allowed] = await Promise.all([
    prisma.navigationEvent.groupBy({
      by: ["visitorId"],
      where: { visitorId: { in: planned.map((entry) => entry.visitorId) } },
    }),
    prisma.consentCurrent.findMany({
      where: {
        purpose: "REMARKETING",
        state: "GIVEN",
        subjectId: { in: planned.map((entry) => entry.customerId ?? entry.visitorId) },
      },
      select: { subjectKind: true, subjectId: true, updatedAt: true },
    }),
  ]);
  const hasEvents = new Set(recorded.map((row) => row.visitorId));
  const givenSince = new Map(allowed.map((row) => [`${row.subjectKind}:${row.subjectId}`, row]));

  const rows: Record<string, unknown>[] = [];
  for (const entry of planned) {
    if (hasEvents.has(entry.visitorId)) continue;
    const key = entry.customerId ? `CUSTOMER:${entry.customerId}` : `VISITOR:${entry.visitorId}`;
    const consent = givenSince.get(key);
    if (!consent) continue;
    for (const event of entry.visitor.navigation) {
      if (event.occurredAt < consent.updatedAt) continue;
      rows.push({
        id: uuid7(),
        visitorId: entry.visitorId,
        customerId: entry.customerId,
        path: event.path,
        referrer: event.referrer,
        occurredAt: event.occurredAt,
      });
    }
  }
  ctx.created.navigationEvents += await insertRows(
    prisma,
    "NavigationEvent",
    NAVIGATION_COLUMNS,
    rows,
  );
}

export async function seedSessions(
  ctx: SeedContext,
  sessions: readonly SessionPlan[],
  customers: CustomerIds,
  staff: StaffIds,
): Promise<void> {
  for (const batch of chunks(sessions, 500)) {
    const { count } = await ctx.prisma.session.createMany({
      data: batch.map(({ customerEmail, staffEmail, ...session }) => ({
        ...session,
        customerId: customerEmail ? customerId(customers, customerEmail) : null,
        staffUserId: staffEmail ? staffId(staff, staffEmail) : null,
      })),
      skipDuplicates: true,
    });
    ctx.created.sessions += count;
  }
}
