import { randomUUID } from "node:crypto";
import { testDatabases } from "@privet/db/testing";
import { breachIndividualNoticeDue } from "@privet/domain/clocks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  at,
  createCustomers,
  eraseEarlierCustomers,
  NOTICE_IDS,
  noticesOf,
  recordedIncident,
  recordIncident,
  SEND,
} from "../../test-support/breach-incidents.js";
import { signInStaff } from "../../test-support/fixtures.js";
import type { RecordBreachIncidentInput } from "../../test-support/generated/graphql.js";

describe.each(testDatabases)("recording a breach incident on $name", (kind) => {
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

  it("[P-17] an incident over contact data in a window finds exactly the customers whose data was held then", async () => {
    const [before, during, erasedDuring] = await customers([
      { createdAt: at("2020-06-01") },
      { createdAt: at("2021-03-01") },
      { createdAt: at("2020-01-01"), erasedAt: at("2021-02-01") },
    ]);
    await customers([
      { createdAt: at("2021-08-01") }, // created after the window
      { createdAt: at("2021-07-01") }, // created the instant it ended (the end is exclusive)
      { createdAt: at("2020-01-01"), erasedAt: at("2020-12-01") }, // erased before it began
      { createdAt: at("2020-01-01"), erasedAt: at("2021-01-01") }, // erased as it began
    ]);
    const incident = await recordedIncident(officer, { categories: ["user.contact.email"] });
    expect(incident.affectedCustomers).toBe(3);
    expect(incident.draftNotices).toBe(3);
    expect(incident.status).toBe("OPEN");
    expect(incident.individualNoticeDue).toBe(
      breachIndividualNoticeDue(at("2021-07-05")).toISOString(),
    );
    const notices = await noticesOf(officer, incident.id);
    expect(notices.map((n) => n.customerId).sort()).toEqual([before, during, erasedDuring].sort());
    for (const notice of notices) {
      expect(notice.status).toBe("DRAFT");
      expect(notice.whatInformationWasInvolved).toContain("Email address");
      expect(notice.whatInformationWasInvolved).not.toContain("Payment card");
    }
  });

  it("[P-17] card data counts for customers whose card was held in the window, not one replaced before it", async () => {
    const [withCard, replacedBefore, noCard, replacedDuring] = await customers([
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
    const incident = await recordedIncident(officer, {
      categories: ["user.financial.card.last4", "user.financial.card.token"],
    });
    const notices = await noticesOf(officer, incident.id);
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
    await customers([
      ...Array.from({ length: 500 }, () => ({ createdAt: at("2022-01-01") })),
      // Not Californians: another state, no region, another country.
      { createdAt: at("2022-01-01"), region: "NY" },
      { createdAt: at("2022-01-01"), region: null },
      { createdAt: at("2022-01-01"), country: "DE", region: "CA" },
    ]);
    const exactly500 = await recordedIncident(officer, { ...window, discoveredAt });
    expect(exactly500.affectedCustomers).toBe(503);
    expect(exactly500.californiaResidents).toBe(500);
    expect(exactly500.attorneyGeneralNoticeRequired).toBe(false);
    expect(exactly500.attorneyGeneralNoticeDue).toBeNull();

    await customers([{ createdAt: at("2022-01-15") }]);
    const over500 = await recordedIncident(officer, { ...window, discoveredAt });
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

  it("bad input is refused with a code naming the field, and records nothing", async () => {
    const before = await api.db.prisma.breachIncident.count();
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const cases: Array<[Partial<RecordBreachIncidentInput>, string]> = [
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
      const result = await recordIncident(officer, input);
      expect(result.errors[0]?.extensions, JSON.stringify(input)).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
      // The message is for the person at the form: no input names or taxonomy words.
      expect(result.errors[0]?.message, JSON.stringify(input)).not.toMatch(
        /windowEnd|windowStart|discoveredAt|taxonomy|categories/,
      );
    }
    const backwards = await recordIncident(officer, {
      windowStart: "2021-07-01T00:00:00Z",
      windowEnd: "2021-01-01T00:00:00Z",
    });
    expect(backwards.errors[0]?.message).toBe("The exposure must end after it began.");
    const unknown = await recordIncident(officer, { categories: ["user.shoe_size"] });
    expect(unknown.errors[0]?.extensions?.unknown).toEqual(["user.shoe_size"]);
    expect(await api.db.prisma.breachIncident.count()).toBe(before);
    const missing = await officer.gql(NOTICE_IDS, { id: randomUUID(), first: 1 });
    expect(missing.errors[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(missing.errors[0]?.message).toBe("This breach incident could not be found.");
    const malformed = await officer.gql(SEND, { id: "not-an-id" });
    expect(malformed.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  });
});
