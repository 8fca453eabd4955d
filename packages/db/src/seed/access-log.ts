/**
 * The demo customer's access log, so that the portal's "who accessed my data and why" page has
 * something to show: a support agent answering a ticket, the security officer reading held
 * records under the (now expired) break-glass grant, and two partners under their agreements.
 * Every read is one that decide() allows at its time. Written through the audit module, and
 * only while the demo customer has no access events yet.
 */
import { type AccessEventInput, findAccessEvents, recordAccessEventsIn } from "../audit/index.js";
import { ensureHistoryPartitions } from "../retention/partitions.js";
import { DEMO_CUSTOMER_EMAIL, type SeedContext } from "./context.js";
import { type CustomerIds, customerId } from "./customers.js";
import { DEMO_BREAK_GLASS } from "./legal-and-incidents.js";
import { type StaffIds, staffId } from "./staff.js";

export async function seedAccessLog(
  ctx: SeedContext,
  customers: CustomerIds,
  staff: StaffIds,
  breakGlassId: string,
): Promise<void> {
  const { prisma } = ctx;
  const subjectId = customerId(customers, DEMO_CUSTOMER_EMAIL);
  if ((await findAccessEvents(prisma, { subjectId })).length > 0) return;

  const processors = new Map(
    (await prisma.processor.findMany({ select: { id: true, name: true } })).map((row) => [
      row.name,
      row.id,
    ]),
  );
  const processorId = (name: string) => {
    const id = processors.get(name);
    if (!id) throw new Error(`seed: processor ${name} is missing`);
    return id;
  };

  const support = {
    subjectId,
    principalKind: "STAFF",
    principalId: staffId(staff, "support.agent@privet.example"),
    staffRole: "SUPPORT_AGENT",
    purpose: "SUPPORT",
    reference: "T-2207",
    operationName: "SupportCustomer",
    requestId: "seed-request-0001",
    occurredAt: new Date("2026-09-30T09:31:00Z"),
  } as const;
  const security = {
    subjectId,
    principalKind: "STAFF",
    principalId: staffId(staff, DEMO_BREAK_GLASS.staff),
    staffRole: "SECURITY_OFFICER",
    purpose: "MALFUNCTION_INVESTIGATION",
    reference: DEMO_BREAK_GLASS.incidentRef,
    operationName: "HeldRecordsForIncident",
    requestId: "seed-request-0002",
    breakGlassId,
    occurredAt: new Date("2026-10-06T10:14:00Z"),
  } as const;
  const mail = {
    subjectId,
    principalKind: "PARTNER",
    principalId: processorId("Larkpost Mail"),
    purpose: "MARKETING",
    reference: "monthly-news-2026-11",
    operationName: "CampaignRecipients",
    requestId: "seed-request-0003",
    occurredAt: new Date("2026-11-02T06:00:00Z"),
  } as const;
  const ads = {
    subjectId,
    principalKind: "PARTNER",
    principalId: processorId("Brightfen Ads"),
    purpose: "REMARKETING",
    operationName: "AudienceEvents",
    requestId: "seed-request-0004",
    occurredAt: new Date("2026-11-15T03:00:00Z"),
  } as const;

  const events: AccessEventInput[] = [
    { ...support, category: "user.name", fieldPath: "customer.name" },
    { ...support, category: "user.contact.email", fieldPath: "customer.email" },
    {
      ...support,
      category: "user.financial.card.last4",
      fieldPath: "customer.paymentMethods.last4",
    },
    {
      ...security,
      category: "user.held.other_individuals",
      fieldPath: "customer.heldRecords.label",
    },
    {
      ...security,
      category: "user.held.other_individuals",
      fieldPath: "customer.heldRecords.content",
    },
    { ...mail, category: "user.name", fieldPath: "campaignRecipients.name" },
    { ...mail, category: "user.contact.email", fieldPath: "campaignRecipients.email" },
    { ...ads, category: "user.device.cookie_id", fieldPath: "audience.cookieId" },
    { ...ads, category: "user.behavior.navigation", fieldPath: "audience.events" },
  ];
  // The demo history is back-dated: its months get their partitions first (an entry of a month
  // without one would go to the default partition, and keep that month from ever getting one).
  const earliest = new Date(
    Math.min(...events.map((event) => (event.occurredAt ?? new Date()).getTime())),
  );
  await ensureHistoryPartitions(prisma, { from: earliest });
  ctx.created.accessEvents += await prisma.$transaction((tx) => recordAccessEventsIn(tx, events));
}
