import type { ResultOf } from "@graphql-typed-document-node/core";
import { findAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import type { StaffRole } from "@privet/domain/principals";
import type { Purpose } from "@privet/domain/purposes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  type GraphQLResponse,
  startTestApi,
  type TestApi,
} from "../../test-support/api.js";
import {
  AUDIT_EVENTS,
  type AuditEvent,
  type AuditTrail,
  auditEventsPage,
  recordAuditTrail,
} from "../../test-support/audit-trail.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type { AuditEventFilter } from "../../test-support/generated/graphql.js";

/** AUDIT_EVENTS under a declared purpose. */
const AUDIT_EVENTS_UNDER = graphql(`
  query AuditTrailEventsUnder(
    $filter: AuditEventFilter
    $first: Int
    $purpose: Purpose!
    $ref: String
  ) @purpose(name: $purpose, ref: $ref) {
    auditEvents(filter: $filter, first: $first) {
      nodes { id subjectId }
    }
  }
`);
/** AUDIT_EVENTS in a chosen order. */
const AUDIT_EVENTS_IN_ORDER = graphql(`
  query AuditTrailEventsInOrder(
    $filter: AuditEventFilter
    $first: Int
    $after: String
    $order: TimeOrder!
  ) {
    auditEvents(filter: $filter, first: $first, after: $after, order: $order) {
      nodes { id occurredAt }
      pageInfo { endCursor hasNextPage }
    }
  }
`);
const AUDIT_EXPORT = graphql(`
  query AuditTrailExportForAccess($filter: AuditEventFilter) {
    auditExport(filter: $filter) { rows }
  }
`);
const AUDIT_VERIFICATION = graphql(`
  query AuditTrailVerificationForAccess {
    auditVerification { verifiedAt }
  }
`);

describe.each(testDatabases)("the audit trail for the console on $name", (kind) => {
  let api: TestApi;
  let trail: AuditTrail;
  let all: AuditEvent[];

  const events = (filter: AuditEventFilter | null, first?: number, after?: string) =>
    auditEventsPage(trail.auditor, filter, first, after);

  beforeAll(async () => {
    api = await startTestApi(kind);
    trail = await recordAuditTrail(api);
    all = (await events(null)).nodes;
  });
  afterAll(() => api?.close());

  it("lists every access event, newest first, with who, why, what and the outcome", async () => {
    // Everything the database holds, one event per field read.
    const stored = await findAccessEvents(api.db.prisma);
    expect(all.map((e) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
    expect(all.length).toBeGreaterThanOrEqual(4);
    const times = all.map((e) => new Date(e.occurredAt).getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));

    const [a, b] = trail.customers;
    expect(all).toContainEqual(
      expect.objectContaining({
        principalKind: "STAFF",
        principalId: trail.agentId,
        staffRole: "SUPPORT_AGENT",
        processorName: null,
        purpose: "SUPPORT",
        reference: "T-1",
        subjectId: a.id,
        category: "user.contact.email",
        fieldPath: "customer.email",
        outcome: "ALLOWED",
        denyReason: null,
        operationName: "AgentRead",
      }),
    );
    expect(all).toContainEqual(
      expect.objectContaining({
        principalId: trail.agentId,
        purpose: "MARKETING",
        subjectId: b.id,
        category: "user.name",
        outcome: "DENIED",
        denyReason: "ROLE",
      }),
    );
    const partnerEvents = all.filter((e) => e.principalKind === "PARTNER");
    expect(partnerEvents.length).toBeGreaterThan(0);
    for (const e of partnerEvents) {
      expect(e).toMatchObject({
        principalId: trail.processorId,
        processorName: trail.processorName,
        staffRole: null,
      });
    }
  });

  it("narrows by each filter, exactly to the matching events", async () => {
    const [a, b] = trail.customers;
    const { agentId, officerId, midpoint } = trail;
    const cases: Array<[AuditEventFilter, (e: AuditEvent) => boolean]> = [
      [{ principalKind: "PARTNER" }, (e) => e.principalKind === "PARTNER"],
      [{ principalKind: "STAFF" }, (e) => e.principalKind === "STAFF"],
      [{ principalId: agentId }, (e) => e.principalId === agentId],
      [{ principalId: officerId }, (e) => e.principalId === officerId],
      // A partner's id alone: its kind is looked up, not assumed to be staff.
      [{ principalId: trail.processorId }, (e) => e.principalId === trail.processorId],
      [{ subjectId: a.id }, (e) => e.subjectId === a.id],
      [{ subjectId: b.id }, (e) => e.subjectId === b.id],
      [{ category: "user.name" }, (e) => e.category === "user.name"],
      [{ category: "user.contact.email" }, (e) => e.category === "user.contact.email"],
      [{ purpose: "SUPPORT" }, (e) => e.purpose === "SUPPORT"],
      [{ purpose: "MARKETING" }, (e) => e.purpose === "MARKETING"],
      [{ outcome: "DENIED" }, (e) => e.outcome === "DENIED"],
      [{ outcome: "ALLOWED" }, (e) => e.outcome === "ALLOWED"],
      [{ from: midpoint.toISOString() }, (e) => new Date(e.occurredAt) >= midpoint],
      [{ to: midpoint.toISOString() }, (e) => new Date(e.occurredAt) < midpoint],
      [
        { principalKind: "STAFF", subjectId: b.id, outcome: "ALLOWED" },
        (e) => e.principalKind === "STAFF" && e.subjectId === b.id && e.outcome === "ALLOWED",
      ],
    ];
    for (const [filter, matches] of cases) {
      const expected = all.filter(matches).map((e) => e.id);
      const got = (await events(filter)).nodes.map((e) => e.id);
      // Each filter really narrows: some events match and some do not.
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(expected.length, JSON.stringify(filter)).toBeLessThan(all.length);
      expect(got, JSON.stringify(filter)).toEqual(expected);
    }
    // The officer's single allowed read of B, found by the combined filter.
    const combined = await events({ principalKind: "STAFF", subjectId: b.id, outcome: "ALLOWED" });
    expect(combined.nodes.map((e) => [e.principalId, e.reference])).toEqual([[officerId, "T-2"]]);
  });

  it("pages newest first without overlap or gaps, and refuses a bad cursor or filter", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await events(null, 2, after);
      expect(page.nodes.length).toBeLessThanOrEqual(2);
      seen.push(...page.nodes.map((e) => e.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    expect(seen).toEqual(all.map((e) => e.id));
    expect(new Set(seen).size).toBe(seen.length);

    const first = await events(null, 1);
    const cursor = first.pageInfo.endCursor as string;
    const decoded = Buffer.from(cursor, "base64url").toString("utf8");
    const forged = Buffer.from(decoded.replace(/\|\d+$/, "|0"), "utf8").toString("base64url");
    for (const bad of [
      "nope",
      "",
      `${cursor}x`,
      forged,
      Buffer.from("audit|1|x|1").toString("base64url"),
    ]) {
      const result = await trail.auditor.gql(AUDIT_EVENTS, { first: 1, after: bad });
      expect(result.errors[0]?.extensions, bad).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "after",
      });
    }
    const midpoint = trail.midpoint.toISOString();
    const badInputs: Array<[{ filter?: AuditEventFilter; first?: number }, string]> = [
      [{ filter: { subjectId: "not-an-id" } }, "filter.subjectId"],
      [{ filter: { principalId: "1234" } }, "filter.principalId"],
      [{ filter: { category: "user.nothing" } }, "filter.category"],
      [{ filter: { from: midpoint, to: midpoint } }, "filter.to"],
      [{ first: 0 }, "first"],
      [{ first: 201 }, "first"],
    ];
    for (const [variables, field] of badInputs) {
      const result = await trail.auditor.gql(AUDIT_EVENTS, variables);
      expect(result.errors[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
  });

  it("pages oldest first or newest first across page boundaries, each order the other's reverse", async () => {
    const [a] = trail.customers;
    const filters: Array<AuditEventFilter | null> = [
      null,
      { subjectId: a.id },
      { principalId: trail.agentId },
    ];
    for (const filter of filters) {
      const expected = (await events(filter)).nodes.map((e) => e.id);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThanOrEqual(1);
      for (const order of ["NEWEST_FIRST", "OLDEST_FIRST"] as const) {
        const seen: string[] = [];
        const times: number[] = [];
        let after: string | undefined;
        let pages = 0;
        for (; pages < 100; pages++) {
          const result = await trail.auditor.gql(AUDIT_EVENTS_IN_ORDER, {
            filter,
            first: 1,
            after,
            order,
          });
          expect(result.errors).toEqual([]);
          const page = result.data?.auditEvents;
          seen.push(...(page?.nodes ?? []).map((e) => e.id));
          times.push(...(page?.nodes ?? []).map((e) => new Date(e.occurredAt).getTime()));
          if (!page?.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor ?? undefined;
        }
        // One event a page, so every boundary between two events is a page boundary.
        expect(pages + 1, `${order} ${JSON.stringify(filter)}`).toBe(expected.length);
        expect(seen).toEqual(order === "NEWEST_FIRST" ? expected : [...expected].reverse());
        const sorted = [...times].sort((x, y) => (order === "NEWEST_FIRST" ? y - x : x - y));
        expect(times).toEqual(sorted);
      }
    }
    // A cursor belongs to the order it was read in: the other order refuses it.
    const newest = await events(null, 1);
    const refused = await trail.auditor.gql(AUDIT_EVENTS_IN_ORDER, {
      first: 1,
      after: newest.pageInfo.endCursor,
      order: "OLDEST_FIRST",
    });
    expect(refused.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  async function signedIn(role: StaffRole): Promise<ApiClient> {
    const client = api.client();
    await signInStaff(api.db.prisma, client, role);
    return client;
  }

  it("is open to auditors, privacy and security officers only", async () => {
    for (const role of ["PRIVACY_OFFICER", "SECURITY_OFFICER"] as const) {
      const result = await (await signedIn(role)).gql(AUDIT_EVENTS, { first: 1 });
      expect(result.errors, role).toEqual([]);
      expect(result.data?.auditEvents.nodes).toHaveLength(1);
    }
    await narrowedToOnePersonOfficersNeedAPurposeAuditorsDoNot();
    await everyoneElseIsRefused();
  });

  /**
   * Narrowed to one person it is their access log: officers need a purpose their role may
   * declare (as for Customer.accessLog); auditors do not.
   */
  async function narrowedToOnePersonOfficersNeedAPurposeAuditorsDoNot() {
    const [a] = trail.customers;
    const officer = await signedIn("PRIVACY_OFFICER");
    const security = await signedIn("SECURITY_OFFICER");
    const bySubject = { filter: { subjectId: a.id } };
    const under = (client: ApiClient, purpose: Purpose, ref?: string) =>
      client.gql(AUDIT_EVENTS_UNDER, { ...bySubject, purpose, ref });
    const refused = (label: string, result: GraphQLResponse<unknown>, reason: string) =>
      expect(result.errors[0]?.extensions, label).toMatchObject({ code: "FORBIDDEN", reason });
    const onlyA = (label: string, result: GraphQLResponse<ResultOf<typeof AUDIT_EVENTS_UNDER>>) => {
      expect(result.errors, label).toEqual([]);
      const subjects = new Set(result.data?.auditEvents.nodes.map((e) => e.subjectId));
      expect(subjects, label).toEqual(new Set([a.id]));
    };

    refused("officer, events", await officer.gql(AUDIT_EVENTS, bySubject), "PURPOSE_REQUIRED");
    refused("officer, export", await officer.gql(AUDIT_EXPORT, bySubject), "PURPOSE_REQUIRED");
    onlyA("officer under SUPPORT", await under(officer, "SUPPORT", "T-9"));
    refused("security officer under SUPPORT", await under(security, "SUPPORT"), "ROLE");
    onlyA(
      "security officer under MALFUNCTION_INVESTIGATION",
      await under(security, "MALFUNCTION_INVESTIGATION", "INC-1"),
    );
    onlyA("auditor", await trail.auditor.gql(AUDIT_EVENTS, bySubject));
  }

  /** Support agents, administrators and customers are refused; a visitor must sign in. */
  async function everyoneElseIsRefused() {
    const customer = api.client();
    await registerCustomer(customer);
    const cases: Array<[ApiClient, string]> = [
      [await signedIn("SUPPORT_AGENT"), "FORBIDDEN"],
      [await signedIn("ADMINISTRATOR"), "FORBIDDEN"],
      [customer, "FORBIDDEN"],
      [api.client(), "UNAUTHENTICATED"],
    ];
    for (const [client, code] of cases) {
      for (const send of [
        () => client.gql(AUDIT_EVENTS, { first: 1 }),
        () => client.gql(AUDIT_EXPORT),
        () => client.gql(AUDIT_VERIFICATION),
      ]) {
        const result = await send();
        expect(result.data).toBeNull();
        expect(result.errors[0]?.extensions?.code).toBe(code);
      }
    }
  }
});
