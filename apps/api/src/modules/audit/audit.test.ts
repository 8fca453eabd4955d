import { randomUUID } from "node:crypto";
import { findAccessEvents, recordAccessEvents } from "@privet/db/audit";
import { PrismaClient } from "@privet/db/client";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../server/create-server.js";
import { ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createPartner,
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";

const EVENTS = `query Events($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    nodes {
      id recordId principalKind principalId staffRole processorName purpose reference subjectId
      category fieldPath outcome denyReason operationName requestId occurredAt breakGlassId
      legalRequestId
    }
    pageInfo { endCursor hasNextPage }
  }
}`;
/** EVENTS under a declared purpose. */
const eventsUnder = (purpose: string) =>
  EVENTS.replace("$after: String) {", `$after: String) @purpose(${purpose}) {`);
const EXPORT = `query Export($filter: AuditEventFilter, $format: AuditExportFormat) {
  auditExport(filter: $filter, format: $format) { format contentType fileName rows content }
}`;
const VERIFY = `query { auditVerification {
  auditLog { ok checked firstBroken { chain sequence problem entryId } }
  consentLedger { ok checked firstBroken { chain sequence problem entryId } }
  verifiedAt
} }`;

interface Event {
  id: string;
  principalKind: string;
  principalId: string;
  staffRole: string | null;
  processorName: string | null;
  purpose: string | null;
  reference: string | null;
  subjectId: string;
  category: string;
  fieldPath: string;
  outcome: string;
  denyReason: string | null;
  operationName: string | null;
  requestId: string;
  occurredAt: string;
}
interface Page {
  auditEvents: { nodes: Event[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}
interface Check {
  ok: boolean;
  checked: number;
  firstBroken: { chain: string; sequence: number; problem: string; entryId: string } | null;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

describe.each(testDatabases)("the audit trail for the console on $name", (kind) => {
  let api: TestApi;
  let auditor: ApiClient;
  let customers: RegisteredCustomer[];
  let agentId: string;
  let officerId: string;
  let processorId: string;
  let processorName: string;
  let midpoint: Date;
  let all: Event[];

  const events = async (filter: Record<string, unknown> | null, first = 200, after?: string) => {
    const result = await auditor.gql<Page>(EVENTS, { filter, first, after });
    expect(result.errors).toEqual([]);
    return result.data?.auditEvents as Page["auditEvents"];
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    customers = [];
    for (let i = 0; i < 4; i++) customers.push(await registerCustomer(api.client()));
    const [a, b] = customers as [RegisteredCustomer, RegisteredCustomer];

    // A support agent reads A's email for a ticket (allowed) and B's name under a purpose
    // their role may not declare (refused).
    const agent = api.client();
    agentId = (await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT")).id;
    const read = await agent.gql(
      `query AgentRead($id: ID!) @purpose(name: SUPPORT, ref: "T-1") { customer(id: $id) { email } }`,
      { id: a.id },
    );
    expect(read.errors).toEqual([]);
    await agent.gql(
      `query AgentDenied($id: ID!) @purpose(name: MARKETING) { customer(id: $id) { name } }`,
      { id: b.id },
    );
    await pause();
    midpoint = new Date();
    await pause();

    // A privacy officer reads B's email for a ticket; a partner reads every email it may.
    const officer = api.client();
    officerId = (await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER")).id;
    const officerRead = await officer.gql(
      `query OfficerRead($id: ID!) @purpose(name: SUPPORT, ref: "T-2") { customer(id: $id) { email } }`,
      { id: b.id },
    );
    expect(officerRead.errors).toEqual([]);
    const partner = await createPartner(api.db.prisma, {
      kind: "EMAIL_SERVICE",
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    processorId = partner.processor.id;
    processorName = partner.processor.name;
    const partnerClient = api.client({ authorization: `Bearer ${partner.apiKey}` });
    const partnerRead = await partnerClient.gql(
      `query PartnerRead @purpose(name: MARKETING, ref: "NEWS-1") { partnerSubjects(first: 500) { edges { node { email } } } }`,
    );
    expect(partnerRead.errors).toEqual([]);

    auditor = api.client();
    await signInStaff(api.db.prisma, auditor, "AUDITOR");
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

    const [a, b] = customers as [RegisteredCustomer, RegisteredCustomer];
    expect(all).toContainEqual(
      expect.objectContaining({
        principalKind: "STAFF",
        principalId: agentId,
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
        principalId: agentId,
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
      expect(e).toMatchObject({ principalId: processorId, processorName, staffRole: null });
    }
  });

  it("narrows by each filter, exactly to the matching events", async () => {
    const [a, b] = customers as [RegisteredCustomer, RegisteredCustomer];
    const cases: Array<[Record<string, unknown>, (e: Event) => boolean]> = [
      [{ principalKind: "PARTNER" }, (e) => e.principalKind === "PARTNER"],
      [{ principalKind: "STAFF" }, (e) => e.principalKind === "STAFF"],
      [{ principalId: agentId }, (e) => e.principalId === agentId],
      [{ principalId: officerId }, (e) => e.principalId === officerId],
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
      const result = await auditor.gql(EVENTS, { first: 1, after: bad });
      expect(result.errors[0]?.extensions, bad).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "after",
      });
    }
    const badInputs: Array<[Record<string, unknown>, string]> = [
      [{ filter: { subjectId: "not-an-id" } }, "filter.subjectId"],
      [{ filter: { principalId: "1234" } }, "filter.principalId"],
      [{ filter: { category: "user.nothing" } }, "filter.category"],
      [{ filter: { from: midpoint.toISOString(), to: midpoint.toISOString() } }, "filter.to"],
      [{ first: 0 }, "first"],
      [{ first: 201 }, "first"],
    ];
    for (const [variables, field] of badInputs) {
      const result = await auditor.gql(EVENTS, variables);
      expect(result.errors[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
  });

  it("is open to auditors, privacy and security officers only", async () => {
    for (const role of ["PRIVACY_OFFICER", "SECURITY_OFFICER"] as const) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role);
      const result = await client.gql<Page>(EVENTS, { first: 1 });
      expect(result.errors, role).toEqual([]);
      expect(result.data?.auditEvents.nodes).toHaveLength(1);
    }
    // Narrowed to one person it is their access log: officers need a purpose their role may
    // declare (as for Customer.accessLog); auditors do not.
    const [a] = customers as [RegisteredCustomer];
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const security = api.client();
    await signInStaff(api.db.prisma, security, "SECURITY_OFFICER");
    const bySubject = { filter: { subjectId: a.id } };
    const subjectCases: Array<[ApiClient, string, string | null]> = [
      [officer, EVENTS, "PURPOSE_REQUIRED"],
      [officer, EXPORT, "PURPOSE_REQUIRED"],
      [officer, eventsUnder('name: SUPPORT, ref: "T-9"'), null],
      [security, eventsUnder("name: SUPPORT"), "ROLE"],
      [security, eventsUnder('name: MALFUNCTION_INVESTIGATION, ref: "INC-1"'), null],
      [auditor, EVENTS, null],
    ];
    for (const [client, query, reason] of subjectCases) {
      const result = await client.gql<Page>(query, bySubject);
      if (reason) {
        expect(result.errors[0]?.extensions, query).toMatchObject({ code: "FORBIDDEN", reason });
      } else {
        expect(result.errors, query).toEqual([]);
        const subjects = new Set(result.data?.auditEvents.nodes.map((e) => e.subjectId));
        expect(subjects).toEqual(new Set([a.id]));
      }
    }

    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const customer = api.client();
    await registerCustomer(customer);
    const cases: Array<[ApiClient, string]> = [
      [agent, "FORBIDDEN"],
      [admin, "FORBIDDEN"],
      [customer, "FORBIDDEN"],
      [api.client(), "UNAUTHENTICATED"],
    ];
    for (const [client, code] of cases) {
      for (const query of [EVENTS, EXPORT, VERIFY]) {
        const result = await client.gql(query, { first: 1 });
        expect(result.data).toBeNull();
        expect(result.errors[0]?.extensions?.code).toBe(code);
      }
    }
  });

  it("exports the filtered events as CSV and JSON, the same as the list", async () => {
    const [a] = customers as [RegisteredCustomer];
    const filter = { subjectId: a.id };
    const expected = (await events(filter)).nodes;
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);

    const csv = await auditor.gql<{ auditExport: Record<string, string | number> }>(EXPORT, {
      filter,
    });
    expect(csv.errors).toEqual([]);
    const file = csv.data?.auditExport ?? {};
    expect(file).toMatchObject({ format: "CSV", contentType: "text/csv", rows: expected.length });
    expect(String(file.fileName)).toMatch(/^audit-events-.*\.csv$/);
    const lines = String(file.content).trimEnd().split("\r\n");
    const header = (lines[0] ?? "").split(",");
    expect(header.slice(0, 4)).toEqual(["id", "occurredAt", "principalKind", "principalId"]);
    const body = lines.slice(1).map((line) => line.split(","));
    expect(body.map((cells) => cells[0])).toEqual(expected.map((e) => e.id));
    const subjectColumn = header.indexOf("subjectId");
    expect(new Set(body.map((cells) => cells[subjectColumn]))).toEqual(new Set([a.id]));

    const json = await auditor.gql<{ auditExport: { rows: number; content: string } }>(EXPORT, {
      filter: { ...filter, outcome: "ALLOWED" },
      format: "JSON",
    });
    expect(json.errors).toEqual([]);
    const parsed = JSON.parse(json.data?.auditExport.content ?? "[]") as Event[];
    expect(parsed.map((e) => e.id)).toEqual(
      expected.filter((e) => e.outcome === "ALLOWED").map((e) => e.id),
    );
    expect(parsed[0]).toMatchObject({ subjectId: a.id, outcome: "ALLOWED" });
    expect(json.data?.auditExport.rows).toBe(parsed.length);
  });

  it("defuses spreadsheet formulas in declared references in the CSV", async () => {
    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    const [, , c] = customers as [RegisteredCustomer, RegisteredCustomer, RegisteredCustomer];
    const read = await agent.gql(
      `query Formula($id: ID!) @purpose(name: SUPPORT, ref: "-2-3") { customer(id: $id) { email } }`,
      { id: c.id },
    );
    expect(read.errors).toEqual([]);
    const csv = await auditor.gql<{ auditExport: { content: string } }>(EXPORT, {
      filter: { subjectId: c.id, purpose: "SUPPORT" },
    });
    expect(csv.errors).toEqual([]);
    expect(csv.data?.auditExport.content).toContain(",'-2-3,");
    expect(csv.data?.auditExport.content).not.toContain(",-2-3,");
  });

  it("refuses an export above 50,000 events with a clear error", async () => {
    const principalId = randomUUID();
    const subjectId = (customers[3] as RegisteredCustomer).id;
    const requestId = randomUUID();
    await recordAccessEvents(
      api.db.prisma,
      Array.from({ length: 50_001 }, (_, i) => ({
        subjectId,
        principalKind: "STAFF" as const,
        principalId,
        staffRole: "SUPPORT_AGENT" as const,
        purpose: "SUPPORT" as const,
        category: "user.contact.email" as const,
        fieldPath: `customers.${i}.email`,
        requestId,
      })),
    );
    const over = await auditor.gql(EXPORT, { filter: { principalId } });
    expect(over.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter" });
    expect(over.errors[0]?.message).toMatch(/More than 50000 events match: narrow the filter/);
    // One page of them is still listed.
    expect((await events({ principalId }, 3)).nodes).toHaveLength(3);
  }, 120_000);

  it("verifies both hash chains, then reports a rewritten audit record as HASH_MISMATCH", async () => {
    const ok = await auditor.gql<{ auditVerification: { auditLog: Check; consentLedger: Check } }>(
      VERIFY,
    );
    expect(ok.errors).toEqual([]);
    const records = await api.db.prisma.accessRecord.count();
    expect(ok.data?.auditVerification.auditLog).toEqual({
      ok: true,
      checked: records,
      firstBroken: null,
    });
    const consentEvents = await api.db.prisma.consentEvent.count();
    expect(ok.data?.auditVerification.consentLedger).toEqual({
      ok: true,
      checked: consentEvents,
      firstBroken: null,
    });

    // Hiding why the agent read A's email: its purpose rewritten behind the triggers' back.
    const record = await api.db.prisma.accessRecord.findFirstOrThrow({
      where: { principalId: agentId, purpose: "SUPPORT" },
    });
    await api.db.prisma.$transaction([
      api.db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      api.db.prisma.$executeRawUnsafe(
        `UPDATE "AccessRecord" SET "purpose" = 'LEGAL_OBLIGATION' WHERE "id" = $1::uuid`,
        record.id,
      ),
    ]);
    const broken = await auditor.gql<{
      auditVerification: { auditLog: Check; consentLedger: Check };
    }>(VERIFY);
    expect(broken.errors).toEqual([]);
    expect(broken.data?.auditVerification.auditLog).toMatchObject({
      ok: false,
      checked: Number(record.sequence) - 1,
      firstBroken: {
        chain: record.chain,
        sequence: Number(record.sequence),
        problem: "HASH_MISMATCH",
        entryId: record.id,
      },
    });
    expect(broken.data?.auditVerification.consentLedger.ok).toBe(true);
  });
});

describe.each(testDatabases)("audit trail statements per page on $name", (kind) => {
  let api: TestApi;
  let counting: PrismaClient;
  let server: RunningServer;
  let statements = 0;

  beforeAll(async () => {
    api = await startTestApi(kind);
    const client = new PrismaClient({
      adapter: api.db.adapterFactory,
      log: [{ emit: "event", level: "query" }],
    });
    client.$on("query", () => {
      statements++;
    });
    counting = client as unknown as PrismaClient;
    server = await startServer({ prisma: counting, audit: api.db.audit, config: api.config });
  });
  afterAll(async () => {
    await server?.close();
    await counting?.$disconnect();
    await api?.close();
  });

  it("does not grow with the page size (1, 10, 40)", async () => {
    const subjects = await Promise.all(
      Array.from({ length: 40 }, () => registerCustomer(api.client())),
    );
    const principalId = randomUUID();
    await recordAccessEvents(
      api.db.prisma,
      subjects.map((s) => ({
        subjectId: s.id,
        principalKind: "STAFF" as const,
        principalId,
        staffRole: "SUPPORT_AGENT" as const,
        purpose: "SUPPORT" as const,
        category: "user.contact.email" as const,
        fieldPath: "customer.email",
        requestId: randomUUID(),
      })),
    );
    const auditor = new ApiClient(server.url);
    await signInStaff(api.db.prisma, auditor, "AUDITOR");
    expect((await auditor.gql(EVENTS, { first: 1 })).errors).toEqual([]);
    const perPage: Record<number, number> = {};
    for (const first of [1, 10, 40]) {
      const before = statements;
      const result = await auditor.gql<Page>(EVENTS, { first, filter: { principalId } });
      perPage[first] = statements - before;
      expect(result.errors).toEqual([]);
      expect(result.data?.auditEvents.nodes).toHaveLength(first);
    }
    expect(perPage[10]).toBe(perPage[1]);
    expect(perPage[40]).toBe(perPage[1]);
    // The staff session, its grants and the like, plus the page's one statement.
    expect(perPage[1]).toBeLessThanOrEqual(5);
  });
});
