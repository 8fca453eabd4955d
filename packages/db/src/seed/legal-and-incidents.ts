/**
 * The console's registers: a court order (P-11), an expired break-glass grant (P-12) and a
 * breach incident with no notices drafted yet (P-17). The authority, references and incident
 * are invented. Keyed by (authority, reference), (staff, customer, start) and title.
 */
import type { DataCategory } from "@privet/domain/taxonomy";
import { DEMO_CUSTOMER_EMAIL, type SeedContext } from "./context.js";
import { type CustomerIds, type CustomerPlan, customerId } from "./customers.js";
import { Random } from "./random.js";
import { type StaffIds, staffId } from "./staff.js";

const CONTACT: DataCategory[] = ["user.name", "user.contact.email"];

export const DEMO_LEGAL_REQUEST = {
  kind: "COURT_ORDER",
  authority: "Circuit Court of Examplia County, Civil Division",
  reference: "EX-CV-2026-00417",
  receivedAt: new Date("2026-11-09T15:20:00Z"),
  categories: CONTACT,
  notes:
    "Order to produce the names and email addresses of three account holders in a civil " +
    "fraud matter. Produce by 2026-12-09. Legal hold: do not erase the named accounts.",
  createdBy: "privacy.officer@privet.example",
} as const;

export const DEMO_BREAK_GLASS = {
  staff: "security.officer@privet.example",
  approvedBy: "privacy.officer@privet.example",
  customer: DEMO_CUSTOMER_EMAIL,
  reason: "MALFUNCTION",
  incidentRef: "INC-2026-031",
  justification:
    "The contacts import for this account fails on every run (support request of 2026-10-05); " +
    "examine the failing contact records only, to fix the import.",
  createdAt: new Date("2026-10-06T08:55:00Z"),
  startsAt: new Date("2026-10-06T09:00:00Z"),
  expiresAt: new Date("2026-10-06T13:00:00Z"),
} as const;

export const DEMO_BREACH = {
  title: "Mailing-list export left in a public storage bucket",
  description:
    "A CSV export of customer contact details (names and email addresses) was written to a " +
    "storage bucket that was publicly readable for about two and a half days. Access logs show " +
    "two downloads from unknown addresses. The bucket was closed on discovery.",
  windowStart: new Date("2026-09-14T06:00:00Z"),
  windowEnd: new Date("2026-09-16T18:30:00Z"),
  discoveredAt: new Date("2026-09-24T09:15:00Z"),
  createdAt: new Date("2026-09-24T11:00:00Z"),
  categories: CONTACT,
} as const;

/** Three customers named in the court order: US customers registered before it arrived. */
export function legalRequestSubjects(customers: readonly CustomerPlan[]): string[] {
  const eligible = customers.filter(
    (customer) =>
      customer.email !== DEMO_CUSTOMER_EMAIL &&
      customer.country === "US" &&
      customer.createdAt < new Date("2026-06-01T00:00:00Z"),
  );
  return Random.for("legal")
    .shuffle(eligible)
    .slice(0, 3)
    .map((customer) => customer.email);
}

export async function seedLegalAndIncidents(
  ctx: SeedContext,
  customers: readonly CustomerPlan[],
  customerIds: CustomerIds,
  staff: StaffIds,
): Promise<{ breakGlassId: string }> {
  const { prisma } = ctx;

  const { createdBy, ...legal } = DEMO_LEGAL_REQUEST;
  let request = await prisma.legalRequest.findUnique({
    where: { authority_reference: { authority: legal.authority, reference: legal.reference } },
    select: { id: true },
  });
  if (!request) {
    request = await prisma.legalRequest.create({
      data: {
        ...legal,
        categories: [...legal.categories],
        status: "OPEN",
        legalHold: true,
        createdById: staffId(staff, createdBy),
        createdAt: legal.receivedAt,
      },
      select: { id: true },
    });
    ctx.created.legalRequests += 1;
  }
  const subjects = await prisma.legalRequestSubject.createMany({
    data: legalRequestSubjects(customers).map((email) => ({
      legalRequestId: request.id,
      customerId: customerId(customerIds, email),
    })),
    skipDuplicates: true,
  });
  ctx.created.legalRequestSubjects += subjects.count;

  const grantKey = {
    staffUserId: staffId(staff, DEMO_BREAK_GLASS.staff),
    customerId: customerId(customerIds, DEMO_BREAK_GLASS.customer),
    startsAt: DEMO_BREAK_GLASS.startsAt,
  };
  let grant = await prisma.breakGlassGrant.findFirst({ where: grantKey, select: { id: true } });
  if (!grant) {
    grant = await prisma.breakGlassGrant.create({
      data: {
        ...grantKey,
        reason: DEMO_BREAK_GLASS.reason,
        incidentRef: DEMO_BREAK_GLASS.incidentRef,
        justification: DEMO_BREAK_GLASS.justification,
        expiresAt: DEMO_BREAK_GLASS.expiresAt,
        approvedById: staffId(staff, DEMO_BREAK_GLASS.approvedBy),
        createdAt: DEMO_BREAK_GLASS.createdAt,
      },
      select: { id: true },
    });
    ctx.created.breakGlassGrants += 1;
  }

  const breach = await prisma.breachIncident.findFirst({
    where: { title: DEMO_BREACH.title },
    select: { id: true },
  });
  if (!breach) {
    await prisma.breachIncident.create({
      data: { ...DEMO_BREACH, categories: [...DEMO_BREACH.categories], status: "OPEN" },
    });
    ctx.created.breachIncidents += 1;
  }
  return { breakGlassId: grant.id };
}
