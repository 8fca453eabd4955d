import { testDatabases } from "@privet/db/testing";
import type { DataCategory } from "@privet/domain/taxonomy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  APPROVE,
  at,
  createCustomers,
  eraseEarlierCustomers,
  expectFiveHeadingsInOrder,
  NOTICES,
  noticesOf,
  recordedIncident,
} from "../../test-support/breach-incidents.js";
import { accessEventsOf, redactions, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { draftNotice } from "./breach-notice-text.js";

const NOTICES_WITHOUT_A_PURPOSE = graphql(`
  query BreachNoticesWithoutAPurpose($id: ID!, $first: Int!) {
    breachIncident(id: $id) {
      id
      notices(first: $first) { id customerId recipientEmail status }
    }
  }
`);
const DRAFT = graphql(`
  mutation BreachDraftNotices($id: ID!) {
    draftBreachNotices(incidentId: $id) {
      affectedCustomers californiaResidents draftNotices approvedNotices
    }
  }
`);

type Notice = Awaited<ReturnType<typeof noticesOf>>[number];

describe.each(testDatabases)("breach notices on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    officer = api.client();
    await signInStaff(api.db.prisma, officer, "SECURITY_OFFICER");
  });
  afterAll(() => api?.close());
  beforeEach(() => eraseEarlierCustomers(api.db.prisma));

  const customers = (rows: Parameters<typeof createCustomers>[1]) =>
    createCustomers(api.db.prisma, rows);

  it("[P-17] every drafted notice has the five headings in order", async () => {
    const [carded] = await customers([
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
    const incident = await recordedIncident(officer, {
      categories: ["user.contact.email", "user.financial.card.last4", "user.credentials.password"],
    });
    const notices = await noticesOf(officer, incident.id);
    expect(notices).toHaveLength(3);
    await expectDraftedAsTheTypeScriptRenderingDrafts(incident.id, notices, carded);
    for (const notice of notices) expectTheFiveSections(notice, incident.id, carded);
  });

  /** The statement drafts what the TypeScript rendering of the same rules drafts. */
  async function expectDraftedAsTheTypeScriptRenderingDrafts(
    incidentId: string,
    notices: Notice[],
    carded: string | undefined,
  ) {
    const facts = await api.db.prisma.breachIncident.findUniqueOrThrow({
      where: { id: incidentId },
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
  }

  function expectTheFiveSections(notice: Notice, incidentId: string, carded: string | undefined) {
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
    expect(notice.forMoreInformation).toContain(incidentId);
    expect(notice.whatYouCanDo).toContain("Change your password");
    // Only the customer whose card was held is told about card data.
    expect(notice.whatInformationWasInvolved.includes("Payment card last four digits")).toBe(
      notice.customerId === carded,
    );
    expect(notice.whatYouCanDo.includes("card statements")).toBe(notice.customerId === carded);
  }

  it("[P-17] recipients are personal: redacted without a purpose, shown and audited under BREACH_RESPONSE", async () => {
    const [id] = await customers([{ createdAt: at("2020-05-01") }]);
    const incident = await recordedIncident(officer, {});
    const bare = await officer.gql(NOTICES_WITHOUT_A_PURPOSE, { id: incident.id, first: 10 });
    expect(bare.data?.breachIncident.notices[0]?.recipientEmail).toBeNull();
    expect(redactions(bare).get("breachIncident.notices.0.recipientEmail")?.reason).toBe(
      "PURPOSE_REQUIRED",
    );
    const declared = await officer.gql(NOTICES, {
      id: incident.id,
      first: 10,
      purpose: "BREACH_RESPONSE",
    });
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
    const [first] = await customers([{ createdAt: at("2023-01-01") }]);
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
    const drafted = await officer.gql(DRAFT, { id: incident.id });
    expect(drafted.errors).toEqual([]);
    expect(drafted.data?.draftBreachNotices).toEqual({
      affectedCustomers: 1,
      californiaResidents: 1,
      draftNotices: 1,
      approvedNotices: 0,
    });
    await officer.gql(APPROVE, { id: incident.id });
    const [second] = await customers([{ createdAt: at("2023-03-02"), region: "NY" }]);
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
});
