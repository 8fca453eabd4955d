import { readFileSync } from "node:fs";
import type { VariablesOf } from "@graphql-typed-document-node/core";
import { testDatabases } from "@privet/db/testing";
import { STAFF_ACTIONS, staffActionLabel } from "@privet/domain/staff-actions";
import { buildSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { type StaffActionPageQuery, staffActionPageStatement } from "./staff-actions-statement.js";

const SUBMIT = graphql(`
  mutation ActedOnRequest($input: SubmitPrivacyRequestInput!) {
    submitPrivacyRequest(input: $input) { id }
  }
`);
const VERIFY_REQUEST = graphql(`
  mutation Verify($id: ID!) @purpose(name: SUPPORT, ref: "PR-77") {
    verifyPrivacyRequest(id: $id) { id status }
  }
`);
const VERIFY_UNDER_A_MALFORMED_REFERENCE = graphql(`
  mutation VerifyUnderAMalformedReference($id: ID!)
  @purpose(name: SUPPORT, ref: "not a reference!") {
    verifyPrivacyRequest(id: $id) { id }
  }
`);
const EXTEND = graphql(`
  mutation Extend($id: ID!, $reason: String!) {
    extendPrivacyRequest(id: $id, reason: $reason) { id }
  }
`);
const RECORD_BREACH = graphql(`
  mutation Breach($input: RecordBreachIncidentInput!) {
    recordBreachIncident(input: $input) { id }
  }
`);
const ACTIONS = graphql(`
  query Actions(
    $first: Int
    $before: ID
    $after: ID
    $order: TimeOrder
    $staffUserId: ID
    $action: String
    $outcome: StaffActionOutcome
  ) {
    staffActions(
      first: $first
      before: $before
      after: $after
      order: $order
      staffUserId: $staffUserId
      action: $action
      outcome: $outcome
    ) {
      id requestId staffUserId staffName staffRole action arguments purpose reference outcome errorCode
      occurredAt
    }
  }
`);
const VERIFY_CHAINS = graphql(`
  query StaffActionChains {
    auditVerification { staffActions { ok checked firstBroken { chain sequence problem entryId } } }
  }
`);

describe.each(testDatabases)("the staff action log on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  let officerId: string;
  let auditor: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    officer = api.client();
    officerId = (await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER")).id;
    auditor = api.client();
    await signInStaff(api.db.prisma, auditor, "AUDITOR");
  });
  afterAll(() => api?.close());

  async function receivedRequest(details = "") {
    const customer = api.client();
    await registerCustomer(customer);
    const result = await customer.gql(SUBMIT, { input: { kind: "ACCESS", details } });
    expect(result.errors).toEqual([]);
    return result.data?.submitPrivacyRequest.id ?? "";
  }

  const entriesOf = async (variables: VariablesOf<typeof ACTIONS>) => {
    const result = await auditor.gql(ACTIONS, variables);
    expect(result.errors).toEqual([]);
    return result.data?.staffActions ?? [];
  };

  it("records a staff action before it runs and again with its result, with the purpose and the ids acted on", async () => {
    const id = await receivedRequest();
    const verified = await officer.gql(VERIFY_REQUEST, { id });
    expect(verified.errors).toEqual([]);
    const entries = (await entriesOf({ staffUserId: officerId, action: "verifyPrivacyRequest" }))
      .filter((e) => JSON.parse(e.arguments).id === id)
      .reverse();
    expect(entries.map((e) => e.outcome)).toEqual(["ATTEMPTED", "SUCCEEDED"]);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        staffUserId: officerId,
        // Shown by name, not by id.
        staffName: "Test PRIVACY_OFFICER",
        staffRole: "PRIVACY_OFFICER",
        purpose: "SUPPORT",
        reference: "PR-77",
        errorCode: null,
      });
      expect(JSON.parse(entry.arguments)).toEqual({ id });
    }
    expect(entries[0]?.requestId).toBe(entries[1]?.requestId);

    // Refused actions are on record too, with the code the client got.
    const again = await officer.gql(VERIFY_REQUEST, { id });
    expect(again.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const agent = api.client();
    const agentId = (await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT")).id;
    const forbidden = await agent.gql(VERIFY_REQUEST, { id });
    expect(forbidden.errors[0]?.extensions?.code).toBe("FORBIDDEN");
    const failed = await entriesOf({ action: "verifyPrivacyRequest", outcome: "FAILED" });
    const mine = failed.filter((e) => JSON.parse(e.arguments).id === id);
    expect(mine.map((e) => [e.staffUserId, e.errorCode])).toEqual([
      [agentId, "FORBIDDEN"],
      [officerId, "BAD_USER_INPUT"],
    ]);
  });

  it("an action taken in the console carries the purpose and reference declared for it (the X-Privet-Purpose headers)", async () => {
    const id = await receivedRequest();
    const extended = await officer.gql(
      EXTEND,
      { id, reason: "We need to check your identity." },
      {
        headers: {
          "x-privet-purpose": "PRIVACY_REQUEST_HANDLING",
          "x-privet-purpose-ref": "PR-2026-0042",
        },
      },
    );
    expect(extended.errors).toEqual([]);
    const entries = (await entriesOf({ staffUserId: officerId, action: "extendPrivacyRequest" }))
      .filter((e) => JSON.parse(e.arguments).id === id)
      .reverse();
    expect(entries.map((e) => [e.outcome, e.purpose, e.reference])).toEqual([
      ["ATTEMPTED", "PRIVACY_REQUEST_HANDLING", "PR-2026-0042"],
      ["SUCCEEDED", "PRIVACY_REQUEST_HANDLING", "PR-2026-0042"],
    ]);
  });

  it("an action refused before it ran (a malformed purpose reference) is recorded as failed, not done", async () => {
    const id = await receivedRequest();
    const refused = await officer.gql(VERIFY_UNDER_A_MALFORMED_REFERENCE, { id });
    expect(refused.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const row = await api.db.prisma.privacyRequest.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("RECEIVED");
    const entries = (await entriesOf({ action: "verifyPrivacyRequest", staffUserId: officerId }))
      .filter((e) => JSON.parse(e.arguments).id === id)
      .reverse();
    expect(entries.map((e) => [e.outcome, e.errorCode])).toEqual([
      ["ATTEMPTED", null],
      ["FAILED", "BAD_USER_INPUT"],
    ]);
  });

  it("keeps ids, enums and dates but never free text, which may be personal", async () => {
    const details = "My neighbour Alma Sørensen keeps filming me.";
    const id = await receivedRequest(details);
    const reason = "We need to check the recordings Alma Sørensen mentioned.";
    expect((await officer.gql(VERIFY_REQUEST, { id })).errors).toEqual([]);
    expect((await officer.gql(EXTEND, { id, reason })).errors).toEqual([]);
    const breach = await officer.gql(RECORD_BREACH, {
      input: {
        title: "Leaked export of Alma Sørensen's team",
        description: "An export job wrote contact details to a shared folder.",
        discoveredAt: "2026-01-10T00:00:00.000Z",
        windowStart: "2026-01-01T00:00:00.000Z",
        windowEnd: "2026-01-05T00:00:00.000Z",
        categories: ["user.contact.email"],
      },
    });
    // The security and privacy officers record breaches; either way the attempt is on record.
    const extended = (await entriesOf({ action: "extendPrivacyRequest" })).filter(
      (e) => JSON.parse(e.arguments).id === id,
    );
    expect(extended).toHaveLength(2);
    for (const entry of extended) expect(JSON.parse(entry.arguments)).toEqual({ id });
    const breachEntries = await entriesOf({ action: "recordBreachIncident", first: 2 });
    expect(breachEntries).toHaveLength(2);
    expect(breachEntries[0]?.outcome).toBe(breach.errors.length === 0 ? "SUCCEEDED" : "FAILED");
    expect(JSON.parse(breachEntries[0]?.arguments ?? "{}")).toEqual({
      input: {
        discoveredAt: "2026-01-10T00:00:00.000Z",
        windowStart: "2026-01-01T00:00:00.000Z",
        windowEnd: "2026-01-05T00:00:00.000Z",
      },
    });
    // Every stored column as text (the 64-bit sequence too, which JSON cannot write as is).
    const stored = JSON.stringify(await api.db.prisma.staffAction.findMany(), (_key, value) =>
      typeof value === "bigint" ? value.toString() : value,
    );
    expect(stored).not.toContain("Alma");
    expect(stored).not.toContain("shared folder");
  });

  it("an action that cannot be recorded does not run: AUDIT_UNAVAILABLE, and the request is untouched", async () => {
    const id = await receivedRequest();
    await api.db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION test_refuse_staff_action() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'action log unavailable'; END; $$`);
    await api.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_staff_action BEFORE INSERT ON "StaffAction" FOR EACH ROW EXECUTE FUNCTION test_refuse_staff_action()`,
    );
    try {
      const refused = await officer.gql(VERIFY_REQUEST, { id });
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors.map((e) => e.extensions?.code)).toEqual(["AUDIT_UNAVAILABLE"]);
      expect(JSON.stringify(refused)).not.toContain("action log unavailable");
      const row = await api.db.prisma.privacyRequest.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe("RECEIVED");
    } finally {
      await api.db.prisma.$executeRawUnsafe(
        `DROP TRIGGER test_refuse_staff_action ON "StaffAction"`,
      );
    }
    const verified = await officer.gql(VERIFY_REQUEST, { id });
    expect(verified.data?.verifyPrivacyRequest.status).toBe("VERIFIED");
  });

  it("the log is append-only: updates, deletes and truncation are refused", async () => {
    const id = await receivedRequest();
    await officer.gql(VERIFY_REQUEST, { id });
    const count = await api.db.prisma.staffAction.count();
    expect(count).toBeGreaterThan(0);
    await expect(
      api.db.prisma.$executeRawUnsafe(`UPDATE "StaffAction" SET "outcome" = 'SUCCEEDED'`),
    ).rejects.toThrow(/append-only/);
    await expect(api.db.prisma.$executeRawUnsafe(`DELETE FROM "StaffAction"`)).rejects.toThrow(
      /append-only/,
    );
    await expect(api.db.prisma.$executeRawUnsafe(`TRUNCATE "StaffAction"`)).rejects.toThrow(
      /append-only/,
    );
    expect(await api.db.prisma.staffAction.count()).toBe(count);
  });

  it("each staff member's actions form a hash chain the auditor verifies; a rewrite behind the triggers' back is found", async () => {
    const id = await receivedRequest();
    await officer.gql(VERIFY_REQUEST, { id });
    const ok = await auditor.gql(VERIFY_CHAINS);
    expect(ok.errors).toEqual([]);
    expect(ok.data?.auditVerification.staffActions).toEqual({
      ok: true,
      checked: await api.db.prisma.staffAction.count(),
      firstBroken: null,
    });
    const chain = await api.db.prisma.staffAction.findMany({
      where: { staffUserId: officerId },
      orderBy: { sequence: "asc" },
    });
    expect(chain.map((a) => a.sequence)).toEqual(chain.map((_, i) => BigInt(i + 1)));
    for (const [i, action] of chain.entries()) {
      expect(action.previousHash).toBe(i === 0 ? null : chain[i - 1]?.hash);
      expect(action.hash).toMatch(/^[0-9a-f]{64}$/);
    }

    // Hiding that the officer verified this request: its id rewritten with the triggers off.
    const target = chain.at(-1);
    if (!target) throw new Error("no action recorded");
    await api.db.prisma.$transaction([
      api.db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      api.db.prisma.$executeRawUnsafe(
        `UPDATE "StaffAction" SET "arguments" = '{}'::jsonb WHERE "id" = $1::uuid`,
        target.id,
      ),
    ]);
    const broken = await auditor.gql(VERIFY_CHAINS);
    expect(broken.data?.auditVerification.staffActions).toMatchObject({
      ok: false,
      checked: Number(target.sequence) - 1,
      firstBroken: {
        chain: officerId,
        sequence: Number(target.sequence),
        problem: "HASH_MISMATCH",
        entryId: target.id,
      },
    });
  });

  it("customers' own actions are not staff actions; only audit roles read the log, a page at a time", async () => {
    const before = await api.db.prisma.staffAction.count();
    await receivedRequest();
    expect(await api.db.prisma.staffAction.count()).toBe(before);

    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    expect((await agent.gql(ACTIONS)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.client().gql(ACTIONS)).errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const firstPage = await entriesOf({ first: 2 });
    expect(firstPage).toHaveLength(2);
    // `before` (deprecated) still pages newest first, as `after` does.
    const next = await entriesOf({ first: 2, before: firstPage[1]?.id });
    expect(next).toEqual(await entriesOf({ first: 2, after: firstPage[1]?.id }));
    expect(next.map((e) => e.id)).not.toContain(firstPage[0]?.id);
    expect(next.map((e) => e.id)).not.toContain(firstPage[1]?.id);
    const badPages: Array<[VariablesOf<typeof ACTIONS>, string]> = [
      [{ first: 0 }, "first"],
      [{ before: "nope" }, "before"],
      [{ after: "nope" }, "after"],
      [{ after: "0199a000-0000-7000-8000-000000000000" }, "after"],
      [{ before: firstPage[1]?.id, order: "OLDEST_FIRST" }, "before"],
      [{ action: "drop table" }, "action"],
      [{ action: "verifyprivacyrequest" }, "action"],
    ];
    for (const [variables, field] of badPages) {
      const bad = await auditor.gql(ACTIONS, variables);
      expect(bad.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
  });

  it("pages newest first or oldest first across page boundaries, with each filter", async () => {
    // A few more actions, some of them in the same request (the same instant).
    for (let i = 0; i < 3; i++) {
      const id = await receivedRequest();
      expect((await officer.gql(VERIFY_REQUEST, { id })).errors).toEqual([]);
    }
    const filters: Array<VariablesOf<typeof ACTIONS>> = [
      {},
      { staffUserId: officerId },
      { action: "verifyPrivacyRequest" },
      { action: "verifyPrivacyRequest", outcome: "SUCCEEDED" },
    ];
    for (const filter of filters) {
      const everything = await entriesOf({ ...filter, first: 200 });
      expect(everything.length, JSON.stringify(filter)).toBeGreaterThanOrEqual(3);
      const key = (e: { occurredAt: string; id: string }) =>
        `${new Date(e.occurredAt).toISOString()} ${e.id}`;
      const newestFirst = [...everything].sort((x, y) => (key(x) < key(y) ? 1 : -1));
      expect(everything.map((e) => e.id)).toEqual(newestFirst.map((e) => e.id));
      for (const order of ["NEWEST_FIRST", "OLDEST_FIRST"] as const) {
        const seen: string[] = [];
        let after: string | undefined;
        for (let page = 0; page < 200; page++) {
          const entries = await entriesOf({ ...filter, first: 2, after, order });
          seen.push(...entries.map((e) => e.id));
          if (entries.length < 2) break;
          after = entries.at(-1)?.id;
        }
        const expected = everything.map((e) => e.id);
        expect(seen, `${order} ${JSON.stringify(filter)}`).toEqual(
          order === "NEWEST_FIRST" ? expected : [...expected].reverse(),
        );
      }
    }
  });

  it("no page, newest or oldest first, scans the whole log or sorts it", async () => {
    const after = { id: "0199a000-0000-7000-8000-000000000001", occurredAt: new Date() };
    const shapes: Record<string, Partial<StaffActionPageQuery>> = {
      everything: {},
      "one staff member": { staffUserId: officerId },
      "one action": { action: "verifyPrivacyRequest" },
      "one outcome": { outcome: "FAILED" },
    };
    for (const [shape, filter] of Object.entries(shapes)) {
      for (const order of ["NEWEST_FIRST", "OLDEST_FIRST"] as const) {
        for (const from of [null, after]) {
          const statement = staffActionPageStatement({
            staffUserId: null,
            action: null,
            outcome: null,
            ...filter,
            after: from,
            order,
            limit: 50,
          });
          // Sequential scans and full sorts priced out (the table here is small): a plan that
          // still has one has no index to walk in that order.
          const [, , explained] = await api.db.prisma.$transaction([
            api.db.prisma.$executeRaw`SET LOCAL enable_seqscan = off`,
            api.db.prisma.$executeRaw`SET LOCAL enable_sort = off`,
            api.db.prisma.$queryRaw<
              Array<{ "QUERY PLAN": unknown }>
            >`EXPLAIN (FORMAT JSON) ${statement}`,
          ]);
          const raw = explained[0]?.["QUERY PLAN"];
          const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<{
            Plan: PlanNode;
          }>;
          const nodes = nodesOf(plan[0]?.Plan as PlanNode);
          const label = `${shape}, ${order}, ${from ? "later page" : "first page"}`;
          // The log is partitioned by month: each partition is walked by its own copy of the
          // index, and the partitions' ordered scans are merged (MergeAppend), never sorted.
          const log = nodes.filter((n) =>
            /^StaffAction(_p\d{4}_\d{2}|_default)?$/.test(n["Relation Name"] ?? ""),
          );
          expect(log.length, label).toBeGreaterThan(0);
          for (const node of log) expect(node["Node Type"], label).not.toBe("Seq Scan");
          expect(
            nodes.map((n) => n["Node Type"]),
            label,
          ).not.toContain("Sort");
          const indexes = log.map((n) => n["Index Name"] ?? "");
          if (shape === "one staff member") {
            for (const index of indexes)
              expect(index, label).toMatch(/_staffUserId_occurredAt_idx$/);
          }
          if (shape === "one action") {
            for (const index of indexes) expect(index, label).toMatch(/_action_occurredAt_idx$/);
          }
        }
      }
    }
  });
});

describe("the staff action vocabulary", () => {
  it("labels every mutation of the schema (the plugin records each one a staff member sends), and names no other", () => {
    const schema = buildSchema(
      readFileSync(new URL("../../../schema.graphql", import.meta.url), "utf8"),
    );
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {}).sort();
    expect(mutations.length).toBeGreaterThan(10);
    const unlabelled = mutations.filter((m) => !(STAFF_ACTIONS as readonly string[]).includes(m));
    expect(unlabelled, "add these to @privet/domain/staff-actions").toEqual([]);
    expect([...STAFF_ACTIONS].sort()).toEqual(mutations);
    for (const m of mutations) expect(staffActionLabel(m)).not.toBe(m);
  });
});

interface PlanNode {
  readonly "Node Type": string;
  readonly "Relation Name"?: string;
  readonly "Index Name"?: string;
  readonly Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}
