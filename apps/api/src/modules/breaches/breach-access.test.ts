import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  APPROVE,
  at,
  createCustomers,
  NOTICE_IDS,
  recordedIncident,
  recordIncident,
  SEND,
} from "../../test-support/breach-incidents.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const INCIDENTS = graphql(`
  query BreachIncidentIds {
    breachIncidents { id }
  }
`);

describe.each(testDatabases)("who may handle breach incidents on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    officer = api.client();
    await signInStaff(api.db.prisma, officer, "SECURITY_OFFICER");
  });
  afterAll(() => api?.close());

  it("a support agent, an auditor, a customer or a visitor can neither record nor read incidents", async () => {
    await createCustomers(api.db.prisma, [{ createdAt: at("2020-05-01") }]);
    const incident = await recordedIncident(officer, {});
    // Approved, so a send that got through would queue something.
    await officer.gql(APPROVE, { id: incident.id });
    // Registering queues an address-verification email; none of any other kind may be queued.
    const notAccountEmails = { kind: { not: "CUSTOMER_ACCOUNT" as const } };
    const emailsBefore = await api.db.prisma.outboxEmail.count({ where: notAccountEmails });
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
      const recorded = await recordIncident(client, {});
      expect(recorded.errors[0]?.extensions?.code).toBe(expected);
      const list = await client.gql(INCIDENTS);
      expect(list.errors[0]?.extensions?.code).toBe(expected);
      const one = await client.gql(NOTICE_IDS, { id: incident.id, first: 1 });
      expect(one.errors[0]?.extensions?.code).toBe(expected);
      const send = await client.gql(SEND, { id: incident.id });
      expect(send.errors[0]?.extensions?.code).toBe(expected);
    }
    expect(await api.db.prisma.outboxEmail.count({ where: notAccountEmails })).toBe(emailsBefore);
    expect(
      await api.db.prisma.breachNotice.count({
        where: { incidentId: incident.id, status: "APPROVED" },
      }),
    ).toBe(1);
    // A privacy officer may.
    const privacy = api.client();
    await signInStaff(api.db.prisma, privacy, "PRIVACY_OFFICER");
    const list = await privacy.gql(INCIDENTS);
    expect(list.errors).toEqual([]);
    expect(list.data?.breachIncidents.map((i) => i.id)).toContain(incident.id);
  });
});
