import { randomUUID } from "node:crypto";
import { testDatabases } from "@privet/db/testing";
import { breachIndividualNoticeDue } from "@privet/domain/clocks";
import type { DataCategory } from "@privet/domain/taxonomy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  accessEventsOf,
  redactions,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { draftNotice, NOTICE_SECTIONS } from "./breach-notice-text.js";

const HEADINGS = NOTICE_SECTIONS.map((section) => section.heading);

const RECORD = `mutation($input: RecordBreachIncidentInput!) {
  recordBreachIncident(input: $input) {
    id status categories affectedCustomers californiaResidents attorneyGeneralNoticeRequired
    individualNoticeDue attorneyGeneralNoticeDue draftNotices approvedNotices sentNotices
  }
}`;
const NOTICES = (purpose: string | null) => `query($id: ID!, $first: Int!)
  ${purpose ? `@purpose(name: ${purpose}, ref: "INC-1")` : ""} {
  breachIncident(id: $id) {
    id affectedCustomers californiaResidents attorneyGeneralNoticeRequired status
    notices(first: $first) {
      id customerId recipientEmail status emailId emailStatus headings text
      whatHappened whatInformationWasInvolved whatWeAreDoing whatYouCanDo forMoreInformation
    }
  }
}`;
const NOTICE_IDS = `query($id: ID!, $first: Int!) {
  breachIncident(id: $id) { notices(first: $first) { id customerId status emailId text } }
}`;
const APPROVE = `mutation($id: ID!, $noticeIds: [ID!]) {
  approveBreachNotices(incidentId: $id, noticeIds: $noticeIds) { draftNotices approvedNotices sentNotices }
}`;
const SEND = `mutation($id: ID!) {
  sendBreachNotices(incidentId: $id) { queued unreachable incident { status approvedNotices sentNotices } }
}`;

interface Incident {
  id: string;
  status: string;
  affectedCustomers: number;
  californiaResidents: number;
  attorneyGeneralNoticeRequired: boolean;
  individualNoticeDue: string;
  attorneyGeneralNoticeDue: string | null;
  draftNotices: number;
  approvedNotices: number;
  sentNotices: number;
}
interface Notice {
  id: string;
  customerId: string;
  recipientEmail: string | null;
  status: string;
  emailId: string | null;
  emailStatus: string | null;
  headings: string[];
  text: string;
  whatHappened: string;
  whatInformationWasInvolved: string;
  whatWeAreDoing: string;
  whatYouCanDo: string;
  forMoreInformation: string;
}

const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Every heading once, in the California order. */
function expectFiveHeadingsInOrder(text: string): void {
  const positions = HEADINGS.map((heading) => text.indexOf(`\n${heading}\n`));
  for (const [i, heading] of HEADINGS.entries()) {
    expect(positions[i], heading).toBeGreaterThan(-1);
    expect(text.indexOf(`\n${heading}\n`, (positions[i] ?? 0) + 1), heading).toBe(-1);
  }
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}

describe.each(testDatabases)("breach incidents on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    officer = api.client();
    await signInStaff(api.db.prisma, officer, "SECURITY_OFFICER");
  });
  afterAll(() => api?.close());

  // Every test draws its own customers: those of earlier tests count as erased long before any
  // window, so they are affected by nothing.
  beforeEach(async () => {
    await api.db.prisma.customer.updateMany({ data: { erasedAt: at("1971-01-01") } });
  });

  /** Customers written in bulk, as the seed would (one createMany). */
  async function createCustomers(
    rows: Array<{
      createdAt: Date;
      erasedAt?: Date | null;
      country?: string;
      region?: string | null;
    }>,
  ): Promise<string[]> {
    const data = rows.map((row) => ({
      id: randomUUID(),
      name: "Bulk Person",
      email: `bulk.${randomUUID()}@example.com`,
      passwordHash: "not-a-real-hash",
      country: row.country ?? "US",
      region: row.region === undefined ? "CA" : row.region,
      jurisdiction: "CCPA" as const,
      createdAt: row.createdAt,
      erasedAt: row.erasedAt ?? null,
    }));
    await api.db.prisma.customer.createMany({ data });
    return data.map((row) => row.id);
  }

  async function record(
    client: ApiClient,
    input: Partial<{
      title: string;
      description: string;
      discoveredAt: string;
      categories: string[];
      windowStart: string;
      windowEnd: string;
    }>,
  ) {
    return client.gql<{ recordBreachIncident: Incident }>(RECORD, {
      input: {
        title: "Exposed backup",
        description: "A database backup was readable from the internet.",
        discoveredAt: "2021-07-05T00:00:00Z",
        categories: ["user.contact.email", "user.name"],
        windowStart: "2021-01-01T00:00:00Z",
        windowEnd: "2021-07-01T00:00:00Z",
        ...input,
      },
    });
  }

  async function recordOk(input: Parameters<typeof record>[1]): Promise<Incident> {
    const result = await record(officer, input);
    expect(result.errors).toEqual([]);
    const incident = result.data?.recordBreachIncident;
    if (!incident) throw new Error("no incident");
    return incident;
  }

  async function noticesOf(id: string): Promise<Notice[]> {
    const result = await officer.gql<{ breachIncident: { notices: Notice[] } }>(
      NOTICES("BREACH_RESPONSE"),
      { id, first: 500 },
    );
    expect(result.errors).toEqual([]);
    return result.data?.breachIncident.notices ?? [];
  }

  it("[P-17] an incident over contact data in a window finds exactly the customers whose data was held then", async () => {
    const [before, during, erasedDuring] = await createCustomers([
      { createdAt: at("2020-06-01") },
      { createdAt: at("2021-03-01") },
      { createdAt: at("2020-01-01"), erasedAt: at("2021-02-01") },
    ]);
    await createCustomers([
      { createdAt: at("2021-08-01") }, // created after the window
      { createdAt: at("2021-07-01") }, // created the instant it ended (the end is exclusive)
      { createdAt: at("2020-01-01"), erasedAt: at("2020-12-01") }, // erased before it began
      { createdAt: at("2020-01-01"), erasedAt: at("2021-01-01") }, // erased as it began
    ]);
    const incident = await recordOk({ categories: ["user.contact.email"] });
    expect(incident.affectedCustomers).toBe(3);
    expect(incident.draftNotices).toBe(3);
    expect(incident.status).toBe("OPEN");
    expect(incident.individualNoticeDue).toBe(
      breachIndividualNoticeDue(at("2021-07-05")).toISOString(),
    );
    const notices = await noticesOf(incident.id);
    expect(notices.map((n) => n.customerId).sort()).toEqual([before, during, erasedDuring].sort());
    for (const notice of notices) {
      expect(notice.status).toBe("DRAFT");
      expect(notice.whatInformationWasInvolved).toContain("Email address");
      expect(notice.whatInformationWasInvolved).not.toContain("Payment card");
    }
  });

  it("[P-17] card data counts for customers whose card was held in the window, not one replaced before it", async () => {
    const [withCard, replacedBefore, noCard, replacedDuring] = await createCustomers([
      { createdAt: at("2020-01-01") },
      { createdAt: at("2020-01-01") },
      { createdAt: at("2020-01-01") },
      { createdAt: at("2020-01-01") },
    ]);
    const card = { brand: "visa", last4: "4242", expiryMonth: 12, expiryYear: 2030 };
    await api.db.prisma.paymentMethod.createMany({
      data: [
        {
          ...card,
          customerId: withCard ?? "",
          processorToken: "tok_a",
          createdAt: at("2020-02-01"),
        },
        {
          ...card,
          customerId: replacedBefore ?? "",
          processorToken: "tok_b",
          createdAt: at("2020-02-01"),
          replacedAt: at("2020-12-01"),
        },
        // Added after the window: not held then.
        { ...card, customerId: noCard ?? "", processorToken: "tok_c", createdAt: at("2021-09-01") },
        {
          ...card,
          customerId: replacedDuring ?? "",
          processorToken: "tok_d",
          createdAt: at("2020-02-01"),
          replacedAt: at("2021-03-01"),
        },
      ],
    });
    const incident = await recordOk({
      categories: ["user.financial.card.last4", "user.financial.card.token"],
    });
    const notices = await noticesOf(incident.id);
    expect(notices.map((n) => n.customerId).sort()).toEqual([withCard, replacedDuring].sort());
    for (const notice of notices) {
      expect(notice.whatInformationWasInvolved).toContain("Payment card last four digits");
      expect(notice.whatInformationWasInvolved).toContain("Payment processor token");
      expect(notice.whatInformationWasInvolved).not.toContain("Email address");
      expect(notice.whatYouCanDo).toContain("card statements");
    }
  });

  it("[P-17] more than 500 Californians affected flags the Attorney General notice; 500 does not", async () => {
    const window = { windowStart: "2022-02-01T00:00:00Z", windowEnd: "2022-03-01T00:00:00Z" };
    const discoveredAt = "2022-03-02T00:00:00Z";
    await createCustomers([
      ...Array.from({ length: 500 }, () => ({ createdAt: at("2022-01-01") })),
      // Not Californians: another state, no region, another country.
      { createdAt: at("2022-01-01"), region: "NY" },
      { createdAt: at("2022-01-01"), region: null },
      { createdAt: at("2022-01-01"), country: "DE", region: "CA" },
    ]);
    const exactly500 = await recordOk({ ...window, discoveredAt });
    expect(exactly500.affectedCustomers).toBe(503);
    expect(exactly500.californiaResidents).toBe(500);
    expect(exactly500.attorneyGeneralNoticeRequired).toBe(false);
    expect(exactly500.attorneyGeneralNoticeDue).toBeNull();

    await createCustomers([{ createdAt: at("2022-01-15") }]);
    const over500 = await recordOk({ ...window, discoveredAt });
    expect(over500.affectedCustomers).toBe(504);
    expect(over500.californiaResidents).toBe(501);
    expect(over500.attorneyGeneralNoticeRequired).toBe(true);
    expect(over500.attorneyGeneralNoticeDue).toBe(over500.individualNoticeDue);
    const stored = await api.db.prisma.breachIncident.findMany({
      where: { id: { in: [exactly500.id, over500.id] } },
      select: { id: true, attorneyGeneralNoticeFlag: true },
    });
    expect(new Map(stored.map((row) => [row.id, row.attorneyGeneralNoticeFlag]))).toEqual(
      new Map([
        [exactly500.id, false],
        [over500.id, true],
      ]),
    );
  });

  it("[P-17] every drafted notice has the five headings in order", async () => {
    const [carded] = await createCustomers([
      { createdAt: at("2020-05-01") },
      { createdAt: at("2020-05-01") },
      { createdAt: at("2020-05-01"), country: "DE", region: null },
    ]);
    await api.db.prisma.paymentMethod.create({
      data: {
        customerId: carded ?? "",
        brand: "visa",
        last4: "1111",
        expiryMonth: 1,
        expiryYear: 2031,
        processorToken: "tok_x",
        createdAt: at("2020-05-02"),
      },
    });
    const incident = await recordOk({
      categories: ["user.contact.email", "user.financial.card.last4", "user.credentials.password"],
    });
    const notices = await noticesOf(incident.id);
    expect(notices).toHaveLength(3);
    // The statement drafts what the TypeScript rendering of the same rules drafts.
    const facts = await api.db.prisma.breachIncident.findUniqueOrThrow({
      where: { id: incident.id },
    });
    for (const notice of notices) {
      const categories: DataCategory[] =
        notice.customerId === carded
          ? ["user.contact.email", "user.financial.card.last4", "user.credentials.password"]
          : ["user.contact.email", "user.credentials.password"];
      const expected = draftNotice(facts, categories, api.config.portalUrl);
      expect(notice.whatHappened).toBe(expected.whatHappened);
      expect(notice.whatInformationWasInvolved).toBe(expected.whatInfo);
      expect(notice.whatWeAreDoing).toBe(expected.whatWeAreDoing);
      expect(notice.whatYouCanDo).toBe(expected.whatYouCanDo);
      expect(notice.forMoreInformation).toBe(expected.moreInfo);
    }
    for (const notice of notices) {
      expect(notice.headings).toEqual([
        "What Happened",
        "What Information Was Involved",
        "What We Are Doing",
        "What You Can Do",
        "For More Information",
      ]);
      expectFiveHeadingsInOrder(notice.text);
      expect(notice.text.indexOf(notice.whatHappened)).toBeGreaterThan(
        notice.text.indexOf("What Happened"),
      );
      expect(notice.whatHappened).toContain("A database backup was readable from the internet.");
      expect(notice.whatWeAreDoing.length).toBeGreaterThan(0);
      expect(notice.forMoreInformation).toContain(incident.id);
      expect(notice.whatYouCanDo).toContain("Change your password");
      // Only the customer whose card was held is told about card data.
      expect(notice.whatInformationWasInvolved.includes("Payment card last four digits")).toBe(
        notice.customerId === carded,
      );
      expect(notice.whatYouCanDo.includes("card statements")).toBe(notice.customerId === carded);
    }
  });

  it("[P-17] sending queues one PENDING outbox email per approved notice, linked to it, and marks them sent", async () => {
    const ids = await createCustomers([
      { createdAt: at("2020-05-01") },
      { createdAt: at("2020-05-01") },
      { createdAt: at("2020-05-01") },
      { createdAt: at("2020-05-01"), erasedAt: at("2021-05-01") }, // erased since: no address
    ]);
    const incident = await recordOk({});
    expect(incident.affectedCustomers).toBe(4);
    const drafts = (
      await officer.gql<{ breachIncident: { notices: Notice[] } }>(NOTICE_IDS, {
        id: incident.id,
        first: 100,
      })
    ).data?.breachIncident.notices;
    if (!drafts) throw new Error("no notices");

    // Nothing approved yet: nothing to send.
    const early = await officer.gql<{ sendBreachNotices: { queued: number } }>(SEND, {
      id: incident.id,
    });
    expect(early.errors).toEqual([]);
    expect(early.data?.sendBreachNotices.queued).toBe(0);

    const first = drafts.find((n) => n.customerId === ids[0]);
    const one = await officer.gql(APPROVE, { id: incident.id, noticeIds: [first?.id] });
    expect(one.data?.approveBreachNotices).toEqual({
      draftNotices: 3,
      approvedNotices: 1,
      sentNotices: 0,
    });
    const all = await officer.gql(APPROVE, { id: incident.id });
    expect(all.data?.approveBreachNotices).toEqual({
      draftNotices: 0,
      approvedNotices: 4,
      sentNotices: 0,
    });

    const sent = await officer.gql<{
      sendBreachNotices: {
        queued: number;
        unreachable: number;
        incident: { status: string; approvedNotices: number; sentNotices: number };
      };
    }>(SEND, { id: incident.id });
    expect(sent.errors).toEqual([]);
    expect(sent.data?.sendBreachNotices).toEqual({
      queued: 3,
      unreachable: 1,
      incident: { status: "NOTIFYING", approvedNotices: 1, sentNotices: 3 },
    });

    const notices = await api.db.prisma.breachNotice.findMany({
      where: { incidentId: incident.id },
      include: { email: true, customer: { select: { email: true, erasedAt: true } } },
    });
    const emails = await api.db.prisma.outboxEmail.findMany({
      where: { customerId: { in: ids } },
    });
    expect(emails).toHaveLength(3);
    for (const notice of notices) {
      if (notice.customer.erasedAt) {
        expect(notice.status).toBe("APPROVED");
        expect(notice.emailId).toBeNull();
        continue;
      }
      expect(notice.status).toBe("SENT");
      expect(notice.email).toMatchObject({
        kind: "BREACH_NOTICE",
        status: "PENDING",
        customerId: notice.customerId,
        toAddress: notice.customer.email,
      });
      const body = notice.email?.textBody ?? "";
      expectFiveHeadingsInOrder(body);
      expect(body).toContain(notice.whatInfo);
      expect(body).toContain(notice.whatYouCanDo);
    }
    expect(new Set(notices.map((n) => n.emailId).filter(Boolean))).toEqual(
      new Set(emails.map((e) => e.id)),
    );

    // The email shown for review is the one queued.
    const reviewed = await noticesOf(incident.id);
    for (const notice of reviewed.filter((n) => n.status === "SENT")) {
      expect(notice.emailStatus).toBe("PENDING");
      const email = emails.find((e) => e.id === notice.emailId);
      expect(email?.textBody).toBe(notice.text);
    }

    // Sending again queues nothing twice.
    const again = await officer.gql<{ sendBreachNotices: { queued: number } }>(SEND, {
      id: incident.id,
    });
    expect(again.data?.sendBreachNotices.queued).toBe(0);
    expect(await api.db.prisma.outboxEmail.count({ where: { customerId: { in: ids } } })).toBe(3);
  });

  it("[P-17] recipients are personal: redacted without a purpose, shown and audited under BREACH_RESPONSE", async () => {
    const [id] = await createCustomers([{ createdAt: at("2020-05-01") }]);
    const incident = await recordOk({});
    const bare = await officer.gql<{ breachIncident: { notices: Notice[] } }>(NOTICES(null), {
      id: incident.id,
      first: 10,
    });
    expect(bare.data?.breachIncident.notices[0]?.recipientEmail).toBeNull();
    expect(redactions(bare).get("breachIncident.notices.0.recipientEmail")?.reason).toBe(
      "PURPOSE_REQUIRED",
    );
    const declared = await officer.gql<{ breachIncident: { notices: Notice[] } }>(
      NOTICES("BREACH_RESPONSE"),
      { id: incident.id, first: 10 },
    );
    expect(declared.errors).toEqual([]);
    expect(declared.data?.breachIncident.notices[0]?.recipientEmail).toMatch(
      /^bulk\..*@example\.com$/,
    );
    const events = await accessEventsOf(api.db.prisma, declared);
    expect(events).toEqual([
      expect.objectContaining({
        subjectId: id,
        category: "user.contact.email",
        purpose: "BREACH_RESPONSE",
      }),
    ]);
  });

  it("[P-17] drafting an incident recorded without notices finds its customers; drafting again adds only the missing ones", async () => {
    const [first] = await createCustomers([{ createdAt: at("2023-01-01") }]);
    // As the demo data records one: the incident without its notices.
    const incident = await api.db.prisma.breachIncident.create({
      data: {
        title: "Bucket left open",
        description: "A storage bucket was public.",
        discoveredAt: at("2023-03-10"),
        windowStart: at("2023-03-01"),
        windowEnd: at("2023-03-05"),
        categories: ["user.name", "user.contact.email"],
      },
    });
    const DRAFT = `mutation($id: ID!) { draftBreachNotices(incidentId: $id) {
      affectedCustomers californiaResidents draftNotices approvedNotices } }`;
    const drafted = await officer.gql(DRAFT, { id: incident.id });
    expect(drafted.errors).toEqual([]);
    expect(drafted.data?.draftBreachNotices).toEqual({
      affectedCustomers: 1,
      californiaResidents: 1,
      draftNotices: 1,
      approvedNotices: 0,
    });
    await officer.gql(APPROVE, { id: incident.id });
    const [second] = await createCustomers([{ createdAt: at("2023-03-02"), region: "NY" }]);
    const again = await officer.gql(DRAFT, { id: incident.id });
    expect(again.data?.draftBreachNotices).toEqual({
      affectedCustomers: 2,
      californiaResidents: 1,
      draftNotices: 1,
      approvedNotices: 1,
    });
    const rows = await api.db.prisma.breachNotice.findMany({
      where: { incidentId: incident.id },
      select: { customerId: true, status: true },
    });
    expect(new Map(rows.map((row) => [row.customerId, row.status]))).toEqual(
      new Map([
        [first, "APPROVED"],
        [second, "DRAFT"],
      ]),
    );
  });

  it("a support agent, an auditor, a customer or a visitor can neither record nor read incidents", async () => {
    await createCustomers([{ createdAt: at("2020-05-01") }]);
    const incident = await recordOk({});
    // Approved, so a send that got through would queue something.
    await officer.gql(APPROVE, { id: incident.id });
    const emailsBefore = await api.db.prisma.outboxEmail.count();
    for (const setUp of [
      async (c: ApiClient) => signInStaff(api.db.prisma, c, "SUPPORT_AGENT"),
      async (c: ApiClient) => signInStaff(api.db.prisma, c, "AUDITOR"),
      async (c: ApiClient) => signInStaff(api.db.prisma, c, "ADMINISTRATOR"),
      async (c: ApiClient) => registerCustomer(c),
      async () => undefined,
    ]) {
      const client = api.client();
      await setUp(client);
      const expected = client.cookies.has("privet_session") ? "FORBIDDEN" : "UNAUTHENTICATED";
      const recorded = await record(client, {});
      expect(recorded.errors[0]?.extensions?.code).toBe(expected);
      const list = await client.gql(`{ breachIncidents { id } }`);
      expect(list.errors[0]?.extensions?.code).toBe(expected);
      const one = await client.gql(NOTICE_IDS, { id: incident.id, first: 1 });
      expect(one.errors[0]?.extensions?.code).toBe(expected);
      const send = await client.gql(SEND, { id: incident.id });
      expect(send.errors[0]?.extensions?.code).toBe(expected);
    }
    expect(await api.db.prisma.outboxEmail.count()).toBe(emailsBefore);
    expect(
      await api.db.prisma.breachNotice.count({
        where: { incidentId: incident.id, status: "APPROVED" },
      }),
    ).toBe(1);
    // A privacy officer may.
    const privacy = api.client();
    await signInStaff(api.db.prisma, privacy, "PRIVACY_OFFICER");
    const list = await privacy.gql<{ breachIncidents: Array<{ id: string }> }>(
      `{ breachIncidents { id } }`,
    );
    expect(list.errors).toEqual([]);
    expect(list.data?.breachIncidents.map((i) => i.id)).toContain(incident.id);
  });

  it("bad input is refused with a code naming the field, and records nothing", async () => {
    const before = await api.db.prisma.breachIncident.count();
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const cases: Array<[Parameters<typeof record>[1], string]> = [
      [{ categories: ["user.contact.email", "user.shoe_size"] }, "categories"],
      [{ categories: [] }, "categories"],
      [{ windowStart: "2021-07-01T00:00:00Z", windowEnd: "2021-01-01T00:00:00Z" }, "windowEnd"],
      [{ windowStart: "2021-07-01T00:00:00Z", windowEnd: "2021-07-01T00:00:00Z" }, "windowEnd"],
      [{ discoveredAt: future }, "discoveredAt"],
      [{ windowEnd: future }, "windowEnd"],
      [{ discoveredAt: "2020-01-01T00:00:00Z" }, "discoveredAt"],
      [{ title: "   " }, "title"],
    ];
    for (const [input, field] of cases) {
      const result = await record(officer, input);
      expect(result.errors[0]?.extensions, JSON.stringify(input)).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
    }
    const unknown = await record(officer, { categories: ["user.shoe_size"] });
    expect(unknown.errors[0]?.extensions?.unknown).toEqual(["user.shoe_size"]);
    expect(await api.db.prisma.breachIncident.count()).toBe(before);
    const missing = await officer.gql(NOTICE_IDS, { id: randomUUID(), first: 1 });
    expect(missing.errors[0]?.extensions?.code).toBe("NOT_FOUND");
    const malformed = await officer.gql(SEND, { id: "not-an-id" });
    expect(malformed.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  });
});
