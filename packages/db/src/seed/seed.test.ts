import { createHash } from "node:crypto";
import { jurisdictionForCountry } from "@privet/domain/clocks";
import { STAFF_ROLES } from "@privet/domain/principals";
import { PURPOSE_DEFINITIONS } from "@privet/domain/purposes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog, verifyStaffActionLog } from "../audit/index.js";
import { verifyPassword } from "../auth/password.js";
import { type Database, openDatabase } from "../client.js";
import { verifyConsentLedger } from "../ledger/index.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import {
  DEMO_CUSTOMER_EMAIL,
  DEMO_PASSWORD,
  isSeeded,
  planDemoData,
  SEED_NOW,
  type SeedResult,
  seedDemoData,
} from "./index.js";

/** Rows in every table of the schema (migrations bookkeeping aside). */
async function countEveryTable(database: Database): Promise<Record<string, number>> {
  const tables = await database.prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await database.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${name}"`,
    );
    counts[name] = row?.n ?? -1;
  }
  return counts;
}

/**
 * The consent ledger, its heads and its projection, the customers, visitors and navigation, by natural keys (emails, cookie ids,
 * policy versions; times as epoch milliseconds), hashed: equal whatever ids the rows got.
 */
async function ledgerFingerprint(database: Database) {
  const subject = `COALESCE(c.email, v."cookieId", s.email)`;
  const joins = (alias: string) => `
    LEFT JOIN "Customer" c ON ${alias}."subjectKind" = 'CUSTOMER' AND c.id = ${alias}."subjectId"
    LEFT JOIN "Visitor" v ON ${alias}."subjectKind" = 'VISITOR' AND v.id = ${alias}."subjectId"
    LEFT JOIN "NewsletterSubscriber" s ON ${alias}."subjectKind" = 'SUBSCRIBER' AND s.id = ${alias}."subjectId"`;
  const digest = async (sql: string) => {
    const rows = await database.prisma.$queryRawUnsafe<{ line: string }[]>(sql);
    return {
      rows: rows.length,
      sha256: createHash("sha256")
        // Sorted here, by code unit: the databases' collations may differ.
        .update(
          rows
            .map((row) => row.line)
            .sort()
            .join("\n"),
        )
        .digest("hex"),
    };
  };
  return {
    events: await digest(`
      SELECT concat_ws('|', ${subject}, e."subjectKind", e.sequence, e.purpose, e.state, e.source,
        p.version, e.jurisdiction, e."ipHash", e.evidence::text,
        (extract(epoch FROM e."occurredAt") * 1000)::bigint, e."previousHash" IS NULL) AS line
      FROM "ConsentEvent" e ${joins("e")}
      LEFT JOIN "PolicyVersion" p ON p.id = e."policyVersionId"`),
    current: await digest(`
      SELECT concat_ws('|', ${subject}, cc."subjectKind", cc.purpose, cc.state, cc.source,
        (extract(epoch FROM cc."updatedAt") * 1000)::bigint) AS line
      FROM "ConsentCurrent" cc ${joins("cc")}`),
    heads: await digest(`
      SELECT concat_ws('|', ${subject}, h."subjectKind", h.sequence, h."rebuiltAt" IS NULL) AS line
      FROM "ConsentChainHead" h ${joins("h")}`),
    customers: await digest(`
      SELECT concat_ws('|', c.email, c.name, c.country, c.region, c.jurisdiction,
        (extract(epoch FROM c."createdAt") * 1000)::bigint, c."erasedAt" IS NULL,
        c."passwordHash" LIKE 'scrypt$131072$8$1$%') AS line
      FROM "Customer" c`),
    visitors: await digest(`
      SELECT concat_ws('|', v."cookieId", c.email,
        (extract(epoch FROM v."createdAt") * 1000)::bigint,
        (extract(epoch FROM v."mergedAt") * 1000)::bigint,
        (extract(epoch FROM v."doNotTrackSeenAt") * 1000)::bigint,
        (extract(epoch FROM v."gpcSeenAt") * 1000)::bigint) AS line
      FROM "Visitor" v LEFT JOIN "Customer" c ON c.id = v."customerId"`),
    navigation: await digest(`
      SELECT concat_ws('|', v."cookieId", c.email, n.path, n.referrer,
        (extract(epoch FROM n."occurredAt") * 1000)::bigint) AS line
      FROM "NavigationEvent" n JOIN "Visitor" v ON v.id = n."visitorId"
      LEFT JOIN "Customer" c ON c.id = n."customerId"`),
  };
}

/** Taken from the row-by-row seed (commit 823a73c), before the seed wrote in bulk. */
const SEEDED_LEDGER = {
  events: { rows: 753, sha256: "9a10c4a4703acd4a726653ec6536c1f5eb353aafb38fab9a4458119f31cad4b0" },
  current: {
    rows: 660,
    sha256: "003d69fa841c6d3bf5d26a13b1b777aefa40e0232bd4ff693a8bfc2e12d2c16d",
  },
  heads: { rows: 267, sha256: "9adad2fc33518bcfc035dd15e4f6356c9d1f413ab45e31c9b7a8a9798aba08af" },
  customers: {
    rows: 200,
    sha256: "672787b21e0488ed70629cb93d2230a4f06b337a5ccd2c9d594c743495a02ac3",
  },
  visitors: {
    rows: 189,
    sha256: "435fbfba572fc7727a77617d381c5c68c5194a8c50d1d118af7f1a76d9603af2",
  },
  navigation: {
    rows: 918,
    sha256: "9389e2623f7bd2476abf1759950ab2c510a86ab7e158323b027b53106d97325a",
  },
};

it("plans the same content on every run", () => {
  expect(planDemoData()).toEqual(planDemoData());
});

describe.each(testDatabases)("demo seed on $name", (kind) => {
  let testDb: OpenTestDatabase;
  let database: Database;
  let first: SeedResult;
  let seededBefore: boolean;
  let countsAfterFirst: Record<string, number>;

  beforeAll(async () => {
    testDb = await kind.open();
    database = await openDatabase(testDb.config);
    seededBefore = await isSeeded(database.prisma);
    first = await seedDemoData(database.prisma);
    countsAfterFirst = await countEveryTable(database);
  }, 180_000);

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it("seeding twice duplicates nothing", async () => {
    expect(seededBefore).toBe(false);
    expect(await isSeeded(database.prisma)).toBe(true);
    expect(first.created.customers).toBe(200);

    const second = await seedDemoData(database.prisma);
    expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
    expect(second.total).toEqual(first.total);
    expect(await countEveryTable(database)).toEqual(countsAfterFirst);

    expect(await verifyConsentLedger(database.prisma)).toMatchObject({ ok: true });
    expect(await verifyAuditLog(database.prisma)).toMatchObject({ ok: true });
  }, 120_000);

  // The seed writes in bulk (one INSERT per batch, through the chain triggers); these figures
  // and fingerprints were taken from the row-by-row seed before it, so the demo data the
  // browser tests and screenshots rely on is unchanged.
  it("writes in bulk the same dataset as the row-by-row seed, every chain verifying", async () => {
    expect(first.total).toEqual({
      staffUsers: 7,
      policyVersions: 2,
      processors: 5,
      processorAgreements: 5,
      customers: 200,
      paymentMethods: 103,
      customerHeldRecords: 72,
      newsletterSubscribers: 30,
      consentEvents: 753,
      sessions: 242,
      visitors: 189,
      navigationEvents: 918,
      legalRequests: 1,
      legalRequestSubjects: 3,
      breakGlassGrants: 1,
      accessEvents: 9,
      breachIncidents: 1,
      privacyRequests: 7,
      supportRequests: 6,
    });
    expect(await ledgerFingerprint(database)).toEqual(SEEDED_LEDGER);

    expect(await verifyConsentLedger(database.prisma)).toEqual({ ok: true, checked: 753 });
    expect(await verifyAuditLog(database.prisma)).toMatchObject({ ok: true });
    expect(await verifyStaffActionLog(database.prisma)).toMatchObject({ ok: true });
  }, 120_000);

  it("has staff of every role, who sign in with the demo password", async () => {
    const staff = await database.prisma.staffUser.findMany();
    expect(new Set(staff.map((member) => member.role))).toEqual(new Set(STAFF_ROLES));
    const officer = staff.find((member) => member.email === "privacy.officer@privet.example");
    expect(officer?.role).toBe("PRIVACY_OFFICER");
    expect(await verifyPassword(DEMO_PASSWORD, officer?.passwordHash ?? "")).toBe(true);
  });

  it("has 200 customers in several countries, Californians among them", async () => {
    const customers = await database.prisma.customer.findMany();
    expect(customers).toHaveLength(200);
    expect(customers.every((customer) => customer.email.endsWith("@example.com"))).toBe(true);
    for (const customer of customers) {
      expect(customer.jurisdiction).toBe(
        jurisdictionForCountry(customer.country, customer.region ?? undefined),
      );
    }
    const californians = customers.filter((c) => c.country === "US" && c.region === "CA");
    expect(californians.length).toBeGreaterThanOrEqual(30);
    expect(new Set(customers.map((customer) => customer.country)).size).toBeGreaterThanOrEqual(10);

    const demo = customers.find((customer) => customer.email === DEMO_CUSTOMER_EMAIL);
    expect(demo).toBeDefined();
    expect(await verifyPassword(DEMO_PASSWORD, demo?.passwordHash ?? "")).toBe(true);
  });

  it("[P-08] registration recorded each customer's marketing consent under the policy version in force", async () => {
    const [customers, versions] = await Promise.all([
      database.prisma.customer.findMany(),
      database.prisma.policyVersion.findMany({ orderBy: { effectiveAt: "asc" } }),
    ]);
    const firstEvents = await database.prisma.consentEvent.findMany({
      where: { subjectKind: "CUSTOMER", sequence: 1 },
    });
    const bySubject = new Map(firstEvents.map((event) => [event.subjectId, event]));
    const versionsUsed = new Set<string>();
    for (const customer of customers) {
      const event = bySubject.get(customer.id);
      expect(event).toMatchObject({
        purpose: "MARKETING",
        state: "GIVEN",
        source: "REGISTRATION",
        jurisdiction: customer.jurisdiction,
      });
      const inForce = versions
        .filter((version) => version.effectiveAt <= customer.createdAt)
        .at(-1);
      expect(event?.policyVersionId).toBe(inForce?.id);
      if (inForce) versionsUsed.add(inForce.version);
    }
    // Customers registered under each version.
    expect(versionsUsed).toEqual(new Set(["2018-11-02", "2026-01-15"]));
  });

  it("writes consent events after each subject's creation, in order, and before the seed's now", async () => {
    const [customers, events] = await Promise.all([
      database.prisma.customer.findMany({ select: { id: true, createdAt: true } }),
      database.prisma.consentEvent.findMany({
        orderBy: [{ subjectId: "asc" }, { sequence: "asc" }],
      }),
    ]);
    const createdAt = new Map(customers.map((customer) => [customer.id, customer.createdAt]));
    let previous: (typeof events)[number] | undefined;
    for (const event of events) {
      expect(event.occurredAt.getTime()).toBeLessThanOrEqual(SEED_NOW.getTime());
      if (event.subjectKind === "CUSTOMER") {
        const created = createdAt.get(event.subjectId);
        expect(created && event.occurredAt > created).toBe(true);
      }
      if (previous?.subjectId === event.subjectId && previous.subjectKind === event.subjectKind) {
        expect(event.occurredAt > previous.occurredAt).toBe(true);
      }
      previous = event;
    }
    const kinds = (source: string, state: string) =>
      events.filter((event) => event.source === source && event.state === state).length;
    expect(kinds("GPC", "WITHDRAWN")).toBeGreaterThan(0);
    expect(kinds("EMAIL_LINK", "WITHDRAWN")).toBeGreaterThan(0);
    expect(kinds("PORTAL", "WITHDRAWN")).toBeGreaterThan(0);
    expect(events.some((event) => event.state === "EXPIRED")).toBe(true);
    expect(events.some((event) => event.subjectKind === "SUBSCRIBER")).toBe(true);
    expect(events.some((event) => event.subjectKind === "VISITOR")).toBe(true);
  });

  it("has both policy versions, the later one effective after the first", async () => {
    const versions = await database.prisma.policyVersion.findMany({
      orderBy: { effectiveAt: "asc" },
    });
    expect(versions.map((version) => version.version)).toEqual(["2018-11-02", "2026-01-15"]);
    const [original, revised] = versions;
    expect(revised && original && revised.effectiveAt > original.effectiveAt).toBe(true);
    expect(versions.every((version) => version.material)).toBe(true);
    expect(revised?.body).toContain("Global Privacy Control");
    expect(revised?.body).toContain("privacy@privet.example");
    expect(revised?.summary).not.toBe("");
  });

  it("has exactly one expired agreement, and agreements only within their purposes' categories", async () => {
    const agreements = await database.prisma.processorAgreement.findMany({
      include: { processor: true },
    });
    const now = new Date();
    const expired = agreements.filter((agreement) => agreement.validUntil <= now);
    expect(expired).toHaveLength(1);
    expect(agreements.filter((agreement) => agreement.validUntil > now)).toHaveLength(4);
    expect(new Set(agreements.map((agreement) => agreement.processor.kind))).toEqual(
      new Set(["CLOUD_STORAGE", "EMAIL_SERVICE", "ADVERTISING", "PAYMENT_PROCESSOR"]),
    );
    for (const agreement of agreements) {
      const allowed = new Set<string>(
        agreement.purposes.flatMap((purpose) => PURPOSE_DEFINITIONS[purpose].categories),
      );
      expect(agreement.categories.filter((category) => !allowed.has(category))).toEqual([]);
    }
    expect(await database.prisma.partnerApiKey.count()).toBe(0);
  });

  it("records navigation only for subjects whose REMARKETING consent is GIVEN", async () => {
    const events = await database.prisma.navigationEvent.findMany({
      include: { visitor: true },
    });
    expect(events.length).toBeGreaterThan(0);
    const given = await database.prisma.consentCurrent.findMany({
      where: { purpose: "REMARKETING", state: "GIVEN" },
    });
    const allowed = new Map(given.map((row) => [`${row.subjectKind}:${row.subjectId}`, row]));
    for (const event of events) {
      expect(event.customerId).toBe(event.visitor.customerId);
      const key = event.customerId ? `CUSTOMER:${event.customerId}` : `VISITOR:${event.visitorId}`;
      const consent = allowed.get(key);
      expect(consent, key).toBeDefined();
      expect(event.occurredAt >= (consent?.updatedAt ?? SEED_NOW)).toBe(true);
    }
    expect(events.some((event) => event.customerId === null)).toBe(true);
    expect(events.some((event) => event.customerId !== null)).toBe(true);
  });

  it("holds device data, cards and the registers without personal data out of place", async () => {
    const { prisma } = database;
    const sessions = await prisma.session.findMany();
    expect(sessions.length).toBeGreaterThan(0);
    for (const session of sessions) {
      expect(session.ipAddress).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/);
      expect(session.browser).not.toBe("");
      expect(session.os).not.toBe("");
    }
    const cards = await prisma.paymentMethod.findMany();
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card.last4).toMatch(/^\d{4}$/);
      expect(card.processorToken).toMatch(/^tok_demo_/);
    }
    expect(await prisma.customerHeldRecord.count()).toBeGreaterThan(0);
    expect(await prisma.newsletterSubscriber.count()).toBeGreaterThan(0);

    const legal = await prisma.legalRequest.findMany({ include: { subjects: true } });
    expect(legal).toHaveLength(1);
    expect(legal[0]?.kind).toBe("COURT_ORDER");
    expect(legal[0]?.subjects.length).toBeGreaterThanOrEqual(2);
    expect(legal[0]?.categories).toEqual(["user.name", "user.contact.email"]);

    const grants = await prisma.breakGlassGrant.findMany({ include: { staffUser: true } });
    expect(grants).toHaveLength(1);
    expect(grants[0]?.reason).toBe("MALFUNCTION");
    expect(grants[0]?.staffUser.role).toBe("SECURITY_OFFICER");
    expect((grants[0]?.expiresAt ?? SEED_NOW) < SEED_NOW).toBe(true);

    const [breach] = await prisma.breachIncident.findMany({ include: { notices: true } });
    expect(breach?.categories).toEqual(["user.name", "user.contact.email"]);
    expect(breach && breach.discoveredAt > breach.windowEnd).toBe(true);
    expect(breach?.notices).toEqual([]);

    const requests = await prisma.privacyRequest.findMany();
    expect(new Set(requests.map((request) => request.status)).size).toBeGreaterThanOrEqual(4);
    expect(requests.every((request) => request.dueAt > request.receivedAt)).toBe(true);
    expect(await prisma.supportRequest.count()).toBeGreaterThan(0);
  });
});

describe.each(testDatabases)("a small demo dataset on $name", (kind) => {
  it.each([1, 2, 20])(
    "seeds %i customers, keeps every chain intact, and a second run adds nothing",
    async (customerCount) => {
      const testDb = await kind.open();
      const database = await openDatabase(testDb.config);
      try {
        const first = await seedDemoData(database.prisma, { customerCount });
        expect(first.total.customers).toBe(customerCount);
        expect(first.total.staffUsers).toBeGreaterThan(0);
        // The demo customer's own requests and the visitor's question do not depend on others.
        expect(first.total.privacyRequests).toBeGreaterThanOrEqual(1);
        expect(first.total.supportRequests).toBeGreaterThanOrEqual(3);
        if (customerCount >= 20) {
          // Requests meant for countries without customers went to someone else.
          expect(first.total.privacyRequests).toBe(7);
        }
        expect(await verifyConsentLedger(database.prisma)).toMatchObject({ ok: true });
        expect(await verifyAuditLog(database.prisma)).toMatchObject({ ok: true });

        const second = await seedDemoData(database.prisma, { customerCount });
        expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
        expect(second.total).toEqual(first.total);
      } finally {
        await database.close();
        await testDb.drop();
      }
    },
    120_000,
  );
});

it("refuses a customer count that cannot hold the demo customer", () => {
  expect(() => planDemoData(0)).toThrow(RangeError);
  expect(() => planDemoData(2.5)).toThrow(/whole number/);
});
