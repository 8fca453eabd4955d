import { type AuditWriter, createAuditWriter } from "@privet/db/audit";
import { PrismaClient } from "@privet/db/client";
import { verifyConsentLedger } from "@privet/db/ledger";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../server/create-server.js";
import { ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { createPolicyVersion, registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const SET_MARKETING = graphql(`
  mutation SetMarketingCounted($state: ConsentState!) {
    setConsent(purpose: MARKETING, state: $state) { purpose state policyVersion }
  }
`);

/** What a consent write costs in statements: the ledger append is one (bench/RESULTS.md). */
describe.each(testDatabases)("the statements of a consent write on $name", (kind) => {
  let api: TestApi;
  let counting: PrismaClient;
  let server: RunningServer;
  let audit: AuditWriter | undefined;
  const sent: string[] = [];

  beforeAll(async () => {
    api = await startTestApi(kind);
    await createPolicyVersion(api.db.prisma);
    // A second server whose client (and audit writer) records every statement it sends.
    const logging = new PrismaClient({
      adapter: api.db.adapterFactory,
      log: [{ emit: "event", level: "query" }],
    });
    logging.$on("query", (event) => {
      sent.push(event.query);
    });
    counting = logging;
    audit = createAuditWriter(api.db.adapterFactory, { onQuery: (sql) => sent.push(sql) });
    server = await startServer({ prisma: counting, audit, config: api.config });
  });
  afterAll(async () => {
    await server?.close();
    await audit?.close();
    await counting?.$disconnect();
    await api?.close();
  });

  it("[P-08] a setConsent that records an event sends 5 statements, one of them the ledger's append, and no transaction", async () => {
    const registering = api.client();
    const customer = await registerCustomer(registering);
    const client = new ApiClient(server.url);
    for (const [name, value] of registering.cookies) client.cookies.set(name, value);

    const before = sent.length;
    const set = await client.gql(SET_MARKETING, { state: "WITHDRAWN" });
    expect(set.errors).toEqual([]);
    expect(set.data?.setConsent).toMatchObject({ state: "WITHDRAWN", policyVersion: "2018-11-02" });
    const statements = sent.slice(before);
    // The session; the current state, the policy in force and the jurisdiction; the append.
    expect(statements).toHaveLength(5);
    expect(statements.filter((sql) => /INSERT INTO "ConsentEvent"/.test(sql))).toHaveLength(1);
    expect(statements.some((sql) => /^\s*(BEGIN|COMMIT)/i.test(sql))).toBe(false);
    expect(statements.some((sql) => /pg_advisory/.test(sql))).toBe(false);
    expect(
      await verifyConsentLedger(api.db.prisma, { subjectKind: "CUSTOMER", subjectId: customer.id }),
    ).toEqual({ ok: true, checked: 2 });
  });
});
