/**
 * The breach register as the console shows it (P-17): the affected count from the moment an
 * incident is recorded — drafted or not — the actions its state allows, and bad input refused
 * with the field named, empty dates included.
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  APPROVE,
  at,
  createCustomers,
  eraseEarlierCustomers,
  recordedIncident,
  recordIncident,
  SEND,
} from "../../test-support/breach-incidents.js";
import { signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const REGISTER = graphql(`
  query BreachRegister {
    breachIncidents(first: 200) {
      id status affectedCustomers californiaResidents draftNotices approvedNotices actions
    }
  }
`);
const DRAFT = graphql(`
  mutation BreachDraftAgain($id: ID!) { draftBreachNotices(incidentId: $id) { id actions } }
`);

describe.each(testDatabases)("the breach register on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
  });
  afterAll(() => api?.close());
  beforeEach(() => eraseEarlierCustomers(api.db.prisma));

  async function entry(id: string) {
    const register = await officer.gql(REGISTER);
    expect(register.errors).toEqual([]);
    return register.data?.breachIncidents.find((b) => b.id === id);
  }

  it("[P-17] an incident recorded without notices (as the demo data's) shows its affected customers at once, and only drafting to do", async () => {
    await createCustomers(api.db.prisma, [
      { createdAt: at("2020-06-01") },
      { createdAt: at("2020-06-01"), country: "DE", region: null },
      { createdAt: at("2022-01-01") }, // after the window
    ]);
    const { id } = await api.db.prisma.breachIncident.create({
      data: {
        title: "Imported incident",
        description: "Recorded before Privet.",
        discoveredAt: at("2021-07-05"),
        windowStart: at("2021-01-01"),
        windowEnd: at("2021-07-01"),
        categories: ["user.contact.email"],
      },
    });
    expect(await entry(id)).toMatchObject({
      status: "OPEN",
      affectedCustomers: 2,
      californiaResidents: 1,
      draftNotices: 0,
      actions: ["DRAFT_NOTICES"],
    });
  });

  it("[P-17] the actions follow the incident: draft → approve → send, and nothing on a closed incident", async () => {
    await createCustomers(api.db.prisma, [
      { createdAt: at("2020-06-01") },
      { createdAt: at("2020-07-01") },
    ]);
    const recorded = await recordedIncident(officer, {});
    expect(recorded.affectedCustomers).toBe(2);
    expect(await entry(recorded.id)).toMatchObject({
      affectedCustomers: 2,
      actions: ["DRAFT_NOTICES", "APPROVE_DRAFTS"],
    });
    await officer.gql(APPROVE, { id: recorded.id });
    expect((await entry(recorded.id))?.actions).toEqual(["DRAFT_NOTICES", "SEND_APPROVED"]);
    const sent = await officer.gql(SEND, { id: recorded.id });
    expect(sent.data?.sendBreachNotices.incident.status).toBe("NOTIFYING");
    expect(await entry(recorded.id)).toMatchObject({
      status: "NOTIFYING",
      affectedCustomers: 2,
      // Every notice sent: it may be closed now (close-breach-incident.test.ts).
      actions: ["DRAFT_NOTICES", "CLOSE"],
    });

    await api.db.prisma.breachIncident.update({
      where: { id: recorded.id },
      data: { status: "CLOSED" },
    });
    expect((await entry(recorded.id))?.actions).toEqual([]);
    for (const refused of [
      await officer.gql(DRAFT, { id: recorded.id }),
      await officer.gql(APPROVE, { id: recorded.id }),
      await officer.gql(SEND, { id: recorded.id }),
    ]) {
      expect(refused.errors[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "incidentId",
        reason: "NOT_ALLOWED_IN_STATE",
        status: "CLOSED",
      });
    }
  });

  it("an empty form is refused with a typed error naming each field, never a stack trace", async () => {
    const before = await api.db.prisma.breachIncident.count();
    const cases = [
      [{ title: "" }, "title"],
      [{ description: "" }, "description"],
      [{ discoveredAt: "" }, "discoveredAt"],
      [{ windowStart: "" }, "windowStart"],
      [{ windowEnd: "not a date" }, "windowEnd"],
    ] as const;
    for (const [input, field] of cases) {
      const result = await recordIncident(officer, input);
      expect(result.errors[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(JSON.stringify(result), field).not.toMatch(/stacktrace|Invalid time value/);
    }
    expect(await api.db.prisma.breachIncident.count()).toBe(before);
  });

  it("only the breach team sees the register", async () => {
    for (const role of ["SUPPORT_AGENT", "AUDITOR"] as const) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role);
      expect((await client.gql(REGISTER)).errors[0]?.extensions?.code, role).toBe("FORBIDDEN");
    }
  });
});
