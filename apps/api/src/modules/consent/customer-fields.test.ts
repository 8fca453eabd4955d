import { type AuditWriter, createAuditWriter, findAccessEvents } from "@privet/db/audit";
import { PrismaClient } from "@privet/db/client";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../server/create-server.js";
import { ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

graphql(`
  fragment ConsentFieldsOfCustomer on Customer {
    id consents { purpose state } consentHistory { source state } navigationEvents { path } cookieIds
  }
`);
const ONE = graphql(`
  query One($id: ID!) @purpose(name: SUPPORT, ref: "T-1042") {
    customer(id: $id) { ...ConsentFieldsOfCustomer }
  }
`);
const PAGE = graphql(`
  query Page($first: Int!) @purpose(name: SUPPORT, ref: "T-1043") {
    customers(first: $first) { nodes { ...ConsentFieldsOfCustomer } }
  }
`);
const GIVE_REMARKETING = graphql(`
  mutation BrowsingCustomerGivesRemarketing {
    setConsent(purpose: REMARKETING, state: GIVEN) { state }
  }
`);
const VIEW_PRICING = graphql(`
  mutation BrowsingCustomerViewsPricing {
    recordPageView(path: "/pricing")
  }
`);

describe.each(testDatabases)("consent fields of Customer read by staff on $name", (kind) => {
  let api: TestApi;
  let counting: PrismaClient;
  let server: RunningServer;
  let audit: AuditWriter | undefined;
  let statements = 0;
  let browsing: { id: string };

  beforeAll(async () => {
    api = await startTestApi(kind);
    // A second client on the same database that counts the statements it sends.
    const logging = new PrismaClient({
      adapter: api.db.adapterFactory,
      log: [{ emit: "event", level: "query" }],
    });
    logging.$on("query", () => {
      statements++;
    });
    counting = logging;
    // Its audit writes count too.
    audit = createAuditWriter(api.db.adapterFactory, {
      onQuery: () => {
        statements++;
      },
    });
    server = await startServer({ prisma: counting, audit, config: api.config });

    const clients = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const client = api.client();
        return { client, customer: await registerCustomer(client) };
      }),
    );
    for (const { client } of clients.slice(0, 6)) {
      await client.gql(GIVE_REMARKETING);
      await client.gql(VIEW_PRICING);
    }
    browsing = (clients[0] as (typeof clients)[number]).customer;
  });
  afterAll(async () => {
    await server?.close();
    await audit?.close();
    await counting?.$disconnect();
    await api?.close();
  });

  it("[P-05] support staff see consents and cookie IDs (audited) but navigation is redacted: SUPPORT may not read it", async () => {
    const staff = api.client();
    const member = await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");
    const result = await staff.gql(ONE, { id: browsing.id });
    const customer = result.data?.customer;
    expect(customer?.consents.find((c) => c.purpose === "REMARKETING")?.state).toBe("GIVEN");
    expect(customer?.consentHistory.map((e) => e.source)).toEqual(["PORTAL", "REGISTRATION"]);
    expect(customer?.cookieIds).toHaveLength(1);
    expect(customer?.navigationEvents).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ["customer", "navigationEvents"],
        extensions: expect.objectContaining({
          code: "PRIVACY_REDACTED",
          reason: "PURPOSE_NOT_PERMITTED",
          category: "user.behavior.navigation",
        }),
      }),
    ]);
    const audit = await findAccessEvents(api.db.prisma, {
      principalId: member.id,
      subjectId: browsing.id,
    });
    expect(audit.map((a) => `${a.outcome} ${a.category}`).sort()).toEqual([
      "ALLOWED user.device.cookie_id",
      "DENIED user.behavior.navigation",
    ]);
  });

  it("reads consents, history, navigation and cookie IDs of a page of customers in a constant number of statements", async () => {
    const staff = new ApiClient(server.url);
    await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");
    const perRequest: number[] = [];
    for (const first of [2, 12]) {
      const before = statements;
      const result = await staff.gql(PAGE, { first });
      expect(result.data?.customers.nodes).toHaveLength(first);
      perRequest.push(statements - before);
    }
    expect(perRequest[0]).toBeGreaterThan(0);
    expect(perRequest[1]).toBe(perRequest[0]);
  });
});
