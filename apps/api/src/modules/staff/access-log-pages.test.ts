/**
 * A person's history read a page at a time (Customer.accessLogPage, and the audit trail
 * narrowed to them): keyset pages over the history index AccessRecordSubject. Every event
 * comes exactly once, newest first, never another person's; cursors are sealed to the log
 * they were issued for.
 */
import { type AccessEventInput, findAccessEvents, recordAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const MY_PAGE = graphql(`
  query MyAccessLogPage($first: Int, $after: String) {
    me {
      accessLogPage(first: $first, after: $after) {
        nodes { id fieldPath occurredAt }
        pageInfo { endCursor hasNextPage }
      }
    }
  }
`);
const THEIR_PAGE = graphql(`
  query TheirAccessLogPage($id: ID!, $after: String) {
    customer(id: $id) {
      id
      accessLogPage(first: 5, after: $after) { nodes { id } pageInfo { endCursor } }
    }
  }
`);
const AUDIT_PAGE = graphql(`
  query SubjectAuditPage($subjectId: ID!, $after: String) {
    auditEvents(filter: { subjectId: $subjectId }, first: 7, after: $after) {
      nodes { id subjectId outcome occurredAt }
      pageInfo { endCursor hasNextPage }
    }
  }
`);
const AGENT_READS = graphql(`
  query PagesAgentReads($id: ID!) @purpose(name: SUPPORT, ref: "T-9") {
    customer(id: $id) { name email }
  }
`);

const FIELDS = [
  ["user.name", "customer.name"],
  ["user.contact.email", "customer.email"],
  ["user.contact.country", "customer.country"],
] as const;

/**
 * `records` records, each reading the three fields of `subject` (the second refused in every
 * fourth record) and the name of `other`; a second apart, ending an hour ago.
 */
function history(subject: string, other: string, principalId: string, records: number) {
  const inputs: AccessEventInput[] = [];
  const end = Date.now() - 3_600_000;
  for (let r = 0; r < records; r++) {
    const occurredAt = new Date(end - (records - r) * 1000);
    const common = {
      principalKind: "STAFF",
      principalId,
      staffRole: "SUPPORT_AGENT",
      purpose: "SUPPORT",
      requestId: `pages-${r}`,
      occurredAt,
    } as const;
    FIELDS.forEach(([category, fieldPath], i) => {
      const denied = i === 1 && r % 4 === 0;
      inputs.push({
        ...common,
        subjectId: subject,
        category,
        fieldPath,
        ...(denied ? { outcome: "DENIED", denyReason: "PURPOSE_NOT_PERMITTED" } : {}),
      });
    });
    inputs.push({ ...common, subjectId: other, category: "user.name", fieldPath: "customer.name" });
  }
  return inputs;
}

/** The key the log is ordered by, newest first: (time, record id, position). */
function newestFirst(a: { id: string; occurredAt: Date }, b: { id: string; occurredAt: Date }) {
  const [aRecord = "", aPos = "0"] = a.id.split(":");
  const [bRecord = "", bPos = "0"] = b.id.split(":");
  return (
    b.occurredAt.getTime() - a.occurredAt.getTime() ||
    (bRecord < aRecord ? -1 : bRecord > aRecord ? 1 : 0) ||
    Number(bPos) - Number(aPos)
  );
}

describe.each(testDatabases)("a person's history, a page at a time, on $name", (kind) => {
  let api: TestApi;
  let alice: RegisteredCustomer;
  let bob: RegisteredCustomer;
  let own: ApiClient;
  let bobsClient: ApiClient;
  let auditor: ApiClient;

  beforeAll(async () => {
    api = await startTestApi(kind);
    own = api.client();
    alice = await registerCustomer(own);
    bobsClient = api.client();
    bob = await registerCustomer(bobsClient);
    auditor = api.client();
    await signInStaff(api.db.prisma, auditor, "AUDITOR");
    // Reads over HTTP (through the API's audit writer) and a longer history written with the
    // same INSERT, both indexed by the records' trigger.
    const agent = api.client();
    const { id: agentId } = await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    await recordAccessEvents(api.db.prisma, history(alice.id, bob.id, agentId, 12));
    await agent.gql(AGENT_READS, { id: alice.id });
    await agent.gql(AGENT_READS, { id: bob.id });
  });
  afterAll(() => api?.close());

  const myPage = (first: number, after: string | null) => own.gql(MY_PAGE, { first, after });
  const bobsAuditPage = (after: string | null) =>
    auditor.gql(AUDIT_PAGE, { subjectId: bob.id, after });

  it("pages forward through a customer's log: every allowed read once, newest first, none of another person's", async () => {
    const expected = (await findAccessEvents(api.db.prisma, { subjectId: alice.id }))
      .filter((event) => event.outcome === "ALLOWED")
      .sort(newestFirst)
      .map((event) => event.id);
    expect(expected.length).toBe(12 * 3 - 3 + 2);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: Awaited<ReturnType<typeof myPage>> = await myPage(5, after);
      expect(result.errors).toEqual([]);
      const page = result.data?.me?.accessLogPage;
      if (!page) throw new Error("no page");
      seen.push(...page.nodes.map((node) => node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) {
        expect(page.nodes.length).toBeGreaterThan(0);
        break;
      }
      after = page.pageInfo.endCursor;
      expect(after).toEqual(expect.any(String));
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 5));
    // The first page is what accessLog shows too.
    const first = await own.gql(MY_PAGE, { first: 500 });
    expect(first.data?.me?.accessLogPage?.nodes.map((node) => node.id)).toEqual(expected);
    expect(first.data?.me?.accessLogPage?.pageInfo).toEqual({
      endCursor: expect.any(String),
      hasNextPage: false,
    });
  });

  it("refuses a cursor that was edited, forged or issued for another person's log (BAD_USER_INPUT on after)", async () => {
    const page = await own.gql(MY_PAGE, { first: 2 });
    const cursor = page.data?.me?.accessLogPage?.pageInfo.endCursor ?? "";
    expect(cursor).not.toContain(alice.id);
    const flipped = `${cursor.slice(0, 20)}${cursor[20] === "A" ? "B" : "A"}${cursor.slice(21)}`;
    const plain = Buffer.from(`audit|${Date.now()}|${alice.id}|1`).toString("base64url");
    for (const bad of [flipped, cursor.slice(0, -2), plain, "!!", `${cursor}A`]) {
      const result = await own.gql(MY_PAGE, { first: 2, after: bad });
      expect(result.errors[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "after",
      });
      expect(result.errors[0]?.message).not.toContain(alice.id);
    }
    // Alice's cursor does not open Bob's log, even for an auditor who may read both.
    const onBob = await auditor.gql(THEIR_PAGE, { id: bob.id, after: cursor });
    expect(onBob.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const onAlice = await auditor.gql(THEIR_PAGE, { id: alice.id, after: cursor });
    expect(onAlice.errors).toEqual([]);
    expect(onAlice.data?.customer?.accessLogPage?.nodes).toHaveLength(5);
  });

  it("pages the audit trail narrowed to a person through their history index: each event once, refused ones too", async () => {
    const expected = (await findAccessEvents(api.db.prisma, { subjectId: bob.id }))
      .sort(newestFirst)
      .map((event) => event.id);
    // Bob's name in each of the 12 records, and the agent's read of his name and email.
    expect(expected).toHaveLength(14);
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const result: Awaited<ReturnType<typeof bobsAuditPage>> = await bobsAuditPage(after);
      expect(result.errors).toEqual([]);
      const page = result.data?.auditEvents;
      if (!page) throw new Error("no page");
      expect(page.nodes.every((node) => node.subjectId === bob.id)).toBe(true);
      seen.push(...page.nodes.map((node) => node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);

    // Alice's trail holds her refused reads too (her log does not).
    const alicesEvents = (await findAccessEvents(api.db.prisma, { subjectId: alice.id })).sort(
      newestFirst,
    );
    const alices = await auditor.gql(AUDIT_PAGE, { subjectId: alice.id });
    expect(alices.data?.auditEvents.nodes.map((node) => node.id)).toEqual(
      alicesEvents.slice(0, 7).map((event) => event.id),
    );
    expect(alicesEvents.filter((event) => event.outcome === "DENIED")).toHaveLength(3);
    const bad = await auditor.gql(AUDIT_PAGE, { subjectId: bob.id, after: "nonsense" });
    expect(bad.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});
