/**
 * Drafts one notice per affected customer in one INSERT … SELECT: the affected set
 * (affected-customers.ts) joined to the notice items each customer's categories pick, so the
 * statement count does not grow with the number of people affected. Then counts them and the
 * California residents among them (country US, region CA) with one aggregate, and stores that
 * count and the Attorney General flag on the incident.
 *
 * Running it again drafts only the customers who have no notice yet (the notices of an
 * incident are unique per customer): staff may have reviewed or sent the others.
 */
import { Prisma } from "@privet/db/client";
import { breachIndividualNoticeDue, requiresAttorneyGeneralNotice } from "@privet/domain/clocks";
import type { DataCategory } from "@privet/domain/taxonomy";
import { affectedCustomersSql } from "./affected-customers.js";
import {
  INFO_INTRO,
  type IncidentFacts,
  noticeItems,
  sharedSections,
} from "./breach-notice-text.js";

export interface DraftCounts {
  readonly affected: number;
  readonly californiaResidents: number;
}

export async function draftBreachNotices(
  tx: Prisma.TransactionClient,
  incident: IncidentFacts,
  categories: readonly DataCategory[],
  now: Date,
  portalUrl: string,
): Promise<DraftCounts> {
  const shared = sharedSections(incident, portalUrl);
  const items = JSON.stringify(noticeItems());
  const affected = affectedCustomersSql(categories, {
    start: incident.windowStart,
    end: incident.windowEnd,
  });
  // Items joined as draftNotice() joins them: the info list line by line, advice by paragraph.
  const pick = (section: string, separator: string) => Prisma.sql`(
    SELECT string_agg(i.text, ${separator} ORDER BY i.ord) FROM items i WHERE i.section = ${section} AND i.categories && a.categories)`;
  const due = breachIndividualNoticeDue(incident.discoveredAt);
  // The items are parsed once (a materialised CTE), not once per affected customer.
  await tx.$executeRaw`
    WITH items AS MATERIALIZED (
      SELECT * FROM jsonb_to_recordset(${items}::jsonb)
        AS i(section text, ord int, text text, categories text[])
    )
    INSERT INTO "BreachNotice" ("id", "incidentId", "customerId", "whatHappened", "whatInfo",
      "whatWeAreDoing", "whatYouCanDo", "moreInfo", "status", "dueAt", "createdAt")
    SELECT gen_random_uuid(), ${incident.id}::uuid, a.customer_id, ${shared.whatHappened},
      ${INFO_INTRO} || ${"\n\n"} || ${pick("info", "\n")},
      ${shared.whatWeAreDoing},
      ${shared.whatYouCanDo} || COALESCE(${"\n\n"} || ${pick("advice", "\n\n")}, ''),
      ${shared.moreInfo}, 'DRAFT', ${due}::timestamptz, ${now}::timestamptz
    FROM (${affected}) AS a
    ON CONFLICT ("incidentId", "customerId") DO NOTHING`;
  const [counts] = await tx.$queryRaw<Array<{ affected: number; california: number }>>`
    SELECT count(*)::int AS affected,
           (count(*) FILTER (WHERE c."country" = 'US' AND c."region" = 'CA'))::int AS california
    FROM "BreachNotice" n JOIN "Customer" c ON c."id" = n."customerId"
    WHERE n."incidentId" = ${incident.id}::uuid`;
  const californiaResidents = counts?.california ?? 0;
  await tx.breachIncident.update({
    where: { id: incident.id },
    data: {
      californiaResidents,
      attorneyGeneralNoticeFlag: requiresAttorneyGeneralNotice(californiaResidents),
    },
  });
  return { affected: counts?.affected ?? 0, californiaResidents };
}
