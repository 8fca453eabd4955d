/**
 * The demo dataset: a company running Privet with staff of every role, 200 customers in a
 * dozen countries with varied consent histories, processors and their agreements, two policy
 * versions, a court order, an expired break-glass grant, a breach incident, and privacy and
 * support requests. See README ("Demo data") for the sign-ins.
 *
 * Deterministic: all content comes from seeded random streams and fixed dates (SEED_NOW), never
 * from the clock. Idempotent: rows are upserted on natural keys (emails, names, versions,
 * references, tokens, cookie IDs), consent histories and navigation are written only for
 * subjects that have none yet, so a second run adds nothing.
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import { seedAccessLog } from "./access-log.js";
import {
  planSessions,
  planVisitors,
  seedNavigation,
  seedSessions,
  seedVisitors,
  visitorHistories,
} from "./activity.js";
import {
  type ConsentHistory,
  type ConsentStep,
  demoCustomerSteps,
  orderSteps,
  planCustomerSteps,
  writeConsentHistories,
} from "./consents.js";
import {
  createContext,
  DEMO_CUSTOMER_COUNT,
  DEMO_CUSTOMER_EMAIL,
  SEED_NOW,
  SEEDED_TABLES,
  type SeedCounts,
  type SeededTable,
} from "./context.js";
import {
  customerId,
  planCustomers,
  seedCustomers,
  seedHeldRecords,
  seedPaymentMethods,
} from "./customers.js";
import { legalRequestSubjects, seedLegalAndIncidents } from "./legal-and-incidents.js";
import { planSubscribers, seedSubscribers } from "./newsletter.js";
import { seedPolicies } from "./policies.js";
import { seedProcessors } from "./processors.js";
import { Random } from "./random.js";
import { seedRequests } from "./requests.js";
import { seedStaff } from "./staff.js";

export {
  DEMO_CUSTOMER_COUNT,
  DEMO_CUSTOMER_EMAIL,
  DEMO_PASSWORD,
  hashDemoPassword,
  SEED_NOW,
  SEEDED_TABLES,
  type SeedCounts,
  type SeededTable,
} from "./context.js";
export { DEMO_POLICY_VERSIONS } from "./policies.js";
export { DEMO_PROCESSORS } from "./processors.js";
export { DEMO_STAFF, DEMO_STAFF_SIGN_INS } from "./staff.js";

export interface SeedOptions {
  /** Progress lines (one per step, with its time). Silent by default. */
  readonly log?: (line: string) => void;
  /**
   * How many customers, the demo customer included (default 200; at least 1). A small count
   * still gets every register: a request meant for a country no customer lives in goes to
   * another customer, or is left out when no customer was registered in time.
   */
  readonly customerCount?: number;
  /** The demo password's hash, if the caller started it early (hashDemoPassword). */
  readonly passwordHash?: Promise<string>;
}

export interface SeedResult {
  /** Rows this run created, by table (all zero on a second run). */
  readonly created: SeedCounts;
  /** Rows each table holds after seeding. */
  readonly total: SeedCounts;
  readonly durationMs: number;
}

/** Everything the dataset will contain, computed without touching the database. */
export function planDemoData(customerCount = DEMO_CUSTOMER_COUNT) {
  if (!Number.isInteger(customerCount) || customerCount < 1) {
    throw new RangeError(
      `seed: customerCount must be a whole number of at least 1 (the demo customer), not ${customerCount}`,
    );
  }
  const customers = planCustomers(SEED_NOW, customerCount);
  const rng = Random.for("consents");
  const customerSteps = new Map<string, readonly ConsentStep[]>(
    customers.map((customer) => [
      customer.email,
      customer.email === DEMO_CUSTOMER_EMAIL
        ? orderSteps(demoCustomerSteps(customer.createdAt), SEED_NOW)
        : planCustomerSteps(rng, customer, SEED_NOW),
    ]),
  );
  return {
    customers,
    customerSteps,
    visitors: planVisitors(customers, customerSteps, SEED_NOW),
    sessions: planSessions(customers, SEED_NOW),
    subscribers: planSubscribers(SEED_NOW),
  };
}

export async function seedDemoData(
  prisma: PrismaClient,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const ctx = createContext(prisma, log, options.passwordHash);
  let lap = started;
  const step = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const result = await run();
    const now = performance.now();
    log(`  ${label.padEnd(38)} ${Math.round(now - lap)} ms`);
    lap = now;
    return result;
  };

  const plan = planDemoData(options.customerCount);
  const staff = await step("staff", () => seedStaff(ctx));
  const timeline = await step("policy versions", () => seedPolicies(ctx, staff));
  await step("processors and agreements", () => seedProcessors(ctx));
  const customers = await step("customers", () => seedCustomers(ctx, plan.customers));
  await step("payment methods and held records", async () => {
    await seedPaymentMethods(ctx, plan.customers, customers);
    await seedHeldRecords(ctx, plan.customers, customers);
  });
  await step("customer consents (ledger)", () => {
    const histories: ConsentHistory[] = plan.customers.map((customer) => ({
      subjectKind: "CUSTOMER",
      subjectId: customerId(customers, customer.email),
      jurisdiction: customer.jurisdiction,
      steps: plan.customerSteps.get(customer.email) ?? [],
    }));
    return writeConsentHistories(ctx, timeline, histories);
  });
  await step("newsletter subscribers", async () => {
    const histories = await seedSubscribers(ctx, plan.subscribers);
    await writeConsentHistories(ctx, timeline, histories);
  });
  await step("visitors, their consents, navigation", async () => {
    const visitors = await seedVisitors(ctx, plan.visitors, customers);
    await writeConsentHistories(ctx, timeline, visitorHistories(plan.visitors, visitors));
    await seedNavigation(ctx, plan.visitors, visitors, customers);
  });
  await step("sessions", () => seedSessions(ctx, plan.sessions, customers, staff));
  const { breakGlassId } = await step("legal request, break glass, breach", () =>
    seedLegalAndIncidents(ctx, plan.customers, customers, staff),
  );
  await step("privacy and support requests", () =>
    seedRequests(ctx, plan.customers, customers, legalRequestSubjects(plan.customers)),
  );
  await step("access log", () => seedAccessLog(ctx, customers, staff, breakGlassId));

  return {
    created: ctx.created,
    total: await countSeededTables(prisma),
    durationMs: Math.round(performance.now() - started),
  };
}

/** Rows in each table the seed writes to. */
export async function countSeededTables(prisma: PrismaClient): Promise<SeedCounts> {
  const counters: Record<SeededTable, () => Promise<number>> = {
    staffUsers: () => prisma.staffUser.count(),
    policyVersions: () => prisma.policyVersion.count(),
    processors: () => prisma.processor.count(),
    processorAgreements: () => prisma.processorAgreement.count(),
    customers: () => prisma.customer.count(),
    paymentMethods: () => prisma.paymentMethod.count(),
    customerHeldRecords: () => prisma.customerHeldRecord.count(),
    newsletterSubscribers: () => prisma.newsletterSubscriber.count(),
    consentEvents: () => prisma.consentEvent.count(),
    sessions: () => prisma.session.count(),
    visitors: () => prisma.visitor.count(),
    navigationEvents: () => prisma.navigationEvent.count(),
    legalRequests: () => prisma.legalRequest.count(),
    legalRequestSubjects: () => prisma.legalRequestSubject.count(),
    breakGlassGrants: () => prisma.breakGlassGrant.count(),
    // Events, not records: one per field read (a record holds a request's events).
    accessEvents: async () => {
      const [row] = await prisma.$queryRaw<{ events: number }[]>`
        SELECT COALESCE(sum(jsonb_array_length("reads"::jsonb)), 0)::int AS "events" FROM "AccessRecord"`;
      return row?.events ?? 0;
    },
    breachIncidents: () => prisma.breachIncident.count(),
    privacyRequests: () => prisma.privacyRequest.count(),
    supportRequests: () => prisma.supportRequest.count(),
  };
  const counts = {} as SeedCounts;
  for (const table of SEEDED_TABLES) counts[table] = await counters[table]();
  return counts;
}

/**
 * Whether the demo dataset is present (its demo customer exists). The API can call
 * seedDemoData on first start when this is false; seeding again is harmless anyway.
 */
export async function isSeeded(prisma: PrismaClient): Promise<boolean> {
  const demo = await prisma.customer.findUnique({
    where: { email: DEMO_CUSTOMER_EMAIL },
    select: { id: true },
  });
  return demo !== null;
}
