import { findAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createPartner,
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const MY_LOG = graphql(`
  query MyAccessLog($first: Int) {
    me {
      accessLog(first: $first) {
        accessorKind staffRole processorName purpose reference category categoryLabel fieldPath
        occurredAt
      }
    }
  }
`);
const LOG_WITHOUT_A_PURPOSE = graphql(`
  query LogWithoutAPurpose($id: ID!) {
    customer(id: $id) { id accessLog { fieldPath } }
  }
`);
const LOG_UNDER = graphql(`
  query LogUnderAPurpose($id: ID!, $purpose: Purpose!) @purpose(name: $purpose) {
    customer(id: $id) { id accessLog { fieldPath } }
  }
`);
const AGENT_READS_EMAIL = graphql(`
  query AccessLogAgentReadsEmail($id: ID!) @purpose(name: SUPPORT, ref: "T-1") {
    customer(id: $id) { email }
  }
`);
const AGENT_READS_NAME_FOR_MARKETING = graphql(`
  query AccessLogAgentReadsName($id: ID!) @purpose(name: MARKETING) {
    customer(id: $id) { name }
  }
`);
const PARTNER_READS_EMAILS = graphql(`
  query AccessLogPartnerReadsEmails @purpose(name: MARKETING, ref: "NEWS-1") {
    partnerSubjects(first: 500) { edges { node { email } } }
  }
`);

describe.each(testDatabases)("the customer's access log on $name", (kind) => {
  let api: TestApi;
  let own: ApiClient;
  let customer: RegisteredCustomer;
  let processorName: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    own = api.client();
    customer = await registerCustomer(own);
    // A support agent reads the email (allowed) and, under a purpose their role may not
    // declare, the name (denied); a partner reads the email under its agreement.
    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    await agent.gql(AGENT_READS_EMAIL, { id: customer.id });
    await agent.gql(AGENT_READS_NAME_FOR_MARKETING, { id: customer.id });
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "EMAIL_SERVICE",
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    processorName = processor.name;
    const partner = api.client({ authorization: `Bearer ${apiKey}` });
    await partner.gql(PARTNER_READS_EMAILS);
  });
  afterAll(() => api?.close());

  it("shows the customer every allowed read of their data by others, newest first, never a refused one", async () => {
    const result = await own.gql(MY_LOG);
    expect(result.errors).toEqual([]);
    const log = result.data?.me?.accessLog ?? [];
    expect(
      log.map((e) => [
        e.accessorKind,
        e.staffRole,
        e.processorName,
        e.purpose,
        e.reference,
        e.category,
      ]),
    ).toEqual([
      ["PARTNER", null, processorName, "MARKETING", "NEWS-1", "user.contact.email"],
      ["STAFF", "SUPPORT_AGENT", null, "SUPPORT", "T-1", "user.contact.email"],
    ]);
    expect(log[1]).toMatchObject({ fieldPath: "customer.email", categoryLabel: "Email address" });
    expect(new Date(log[0]?.occurredAt ?? 0) >= new Date(log[1]?.occurredAt ?? 0)).toBe(true);
    // The refused name read is in the audit trail, not in the customer's log.
    expect(
      (await findAccessEvents(api.db.prisma, { subjectId: customer.id, outcome: "DENIED" })).length,
    ).toBe(1);

    const one = await own.gql(MY_LOG, { first: 1 });
    expect(one.data?.me?.accessLog).toHaveLength(1);
    const bad = await own.gql(MY_LOG, { first: 0 });
    expect(bad.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("opens another person's log to staff only under a purpose their role may declare (auditors always)", async () => {
    const cases: Array<
      ["SUPPORT_AGENT" | "AUDITOR" | "ADMINISTRATOR", "SUPPORT" | null, string | null]
    > = [
      ["SUPPORT_AGENT", null, "PURPOSE_REQUIRED"],
      ["SUPPORT_AGENT", "SUPPORT", null],
      ["ADMINISTRATOR", "SUPPORT", "ROLE"],
      ["AUDITOR", null, null],
    ];
    for (const [role, purpose, reason] of cases) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role);
      const r = purpose
        ? await client.gql(LOG_UNDER, { id: customer.id, purpose })
        : await client.gql(LOG_WITHOUT_A_PURPOSE, { id: customer.id });
      expect(r.data?.customer?.id).toBe(customer.id);
      if (reason) {
        expect(r.data?.customer?.accessLog).toBeNull();
        expect(r.errors[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason });
      } else {
        expect(r.errors).toEqual([]);
        expect(r.data?.customer?.accessLog?.length).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
