/**
 * The console's overview: consent rates by purpose month by month, open privacy requests by
 * the week they fall due, and reads of personal data by purpose — counts only, no person in
 * them. Three aggregate statements, whatever the size of the data; then the lists a role may
 * see (load-sections.ts): requests due, open breaches, recent break-glass grants.
 */
import { CONSENT_PURPOSES } from "@privet/domain/consent";
import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { openBreaches, recentBreakGlassGrants, requestsDue, roleMaySee } from "./load-sections.js";
import {
  AccessesByPurpose,
  type ConsentRatePoint,
  PrivacyOverview,
  RequestsDueBucket,
} from "./overview.type.js";

interface RateRow {
  at: Date | string;
  purpose: string;
  given: number;
  customers: number;
}

async function consentRates(context: Context): Promise<ConsentRatePoint[]> {
  // For each month end, each customer's latest event per purpose then; the population is the
  // customers registered by then and not erased by then.
  const rows = await context.prisma.$queryRaw<RateRow[]>`
    WITH months AS (
      SELECT LEAST(m + interval '1 month', ${context.request.now}::timestamptz) AS at
      FROM generate_series(date_trunc('month', ${context.request.now}::timestamptz) - interval '11 months',
                           date_trunc('month', ${context.request.now}::timestamptz), interval '1 month') AS m
    ),
    population AS (
      SELECT m.at, count(c."id")::int AS customers
      FROM months m
      LEFT JOIN "Customer" c ON c."createdAt" < m.at AND (c."erasedAt" IS NULL OR c."erasedAt" >= m.at)
      GROUP BY m.at
    ),
    latest AS (
      SELECT DISTINCT ON (m.at, e."subjectId", e."purpose") m.at, e."purpose", e."state"
      FROM months m
      JOIN "ConsentEvent" e ON e."subjectKind" = 'CUSTOMER' AND e."occurredAt" < m.at
      ORDER BY m.at, e."subjectId", e."purpose", e."occurredAt" DESC, e."sequence" DESC
    )
    SELECT p.at, purposes.purpose,
           count(l.*) FILTER (WHERE l."state" = 'GIVEN')::int AS given, p.customers
    FROM population p
    CROSS JOIN unnest(${[...CONSENT_PURPOSES]}::text[]) AS purposes(purpose)
    LEFT JOIN latest l ON l.at = p.at AND l."purpose"::text = purposes.purpose
    GROUP BY p.at, purposes.purpose, p.customers
    ORDER BY p.at, purposes.purpose`;
  return rows.map((row) => ({
    at: new Date(row.at),
    purpose: row.purpose as ConsentRatePoint["purpose"],
    given: row.given,
    customers: row.customers,
    rate: row.customers === 0 ? 0 : row.given / row.customers,
  }));
}

async function openRequestsByDueWeek(context: Context): Promise<RequestsDueBucket[]> {
  const rows = await context.prisma.$queryRaw<
    { week: Date | string; open: number; overdue: number }[]
  >`
    SELECT date_trunc('week', "dueAt") AS week, count(*)::int AS open,
           count(*) FILTER (WHERE "dueAt" < ${context.request.now}::timestamptz)::int AS overdue
    FROM "PrivacyRequest"
    WHERE "status" IN ('RECEIVED', 'VERIFIED', 'IN_PROGRESS')
    GROUP BY 1 ORDER BY 1`;
  return rows.map((row) =>
    Object.assign(new RequestsDueBucket(), {
      weekOf: new Date(row.week),
      open: row.open,
      overdue: row.overdue,
    }),
  );
}

async function accessesByPurpose(context: Context): Promise<AccessesByPurpose[]> {
  const since = new Date(context.request.now.getTime() - 30 * 86_400_000);
  const rows = await context.prisma.$queryRaw<
    { purpose: string | null; allowed: number; denied: number }[]
  >`
    SELECT r."purpose"::text AS purpose,
           count(*) FILTER (WHERE x.read->>3 IS NULL)::int AS allowed,
           count(*) FILTER (WHERE x.read->>3 IS NOT NULL)::int AS denied
    FROM "AccessRecord" r
    CROSS JOIN LATERAL jsonb_array_elements(r."reads"::jsonb) AS x(read)
    WHERE r."occurredAt" >= ${since}::timestamptz
    GROUP BY 1 ORDER BY 2 DESC`;
  return rows.map((row) =>
    Object.assign(new AccessesByPurpose(), {
      purpose: row.purpose as AccessesByPurpose["purpose"],
      allowed: row.allowed,
      denied: row.denied,
    }),
  );
}

@Resolver()
export class OverviewResolver {
  @Authorized()
  @Query(() => PrivacyOverview, {
    description:
      "Privacy officers, security officers, auditors and administrators: consent rates by purpose over the last 12 months, open requests by due week, reads by purpose over 30 days; and, for the roles whose areas hold them, requests due, open breaches and recent break-glass grants. Counts and references only.",
  })
  async privacyOverview(@Ctx() context: Context): Promise<PrivacyOverview> {
    // Each list only for a role whose areas hold it (the permission table's operation).
    const [rates, requests, accesses, due, breaches, grants] = await Promise.all([
      consentRates(context),
      openRequestsByDueWeek(context),
      accessesByPurpose(context),
      roleMaySee(context, "privacyRequestQueue") ? requestsDue(context) : null,
      roleMaySee(context, "breachIncidents") ? openBreaches(context) : null,
      roleMaySee(context, "breakGlassGrants") ? recentBreakGlassGrants(context) : null,
    ]);
    return Object.assign(new PrivacyOverview(), {
      consentRates: rates,
      openRequestsByDueWeek: requests,
      accessesByPurpose: accesses,
      requestsDue: due,
      openBreaches: breaches,
      recentBreakGlassGrants: grants,
    });
  }
}
