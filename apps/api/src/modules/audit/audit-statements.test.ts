import { randomUUID } from "node:crypto";
import { recordAccessEvents } from "@privet/db/audit";
import { PrismaClient } from "@privet/db/client";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../server/create-server.js";
import { ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { AUDIT_EVENTS } from "../../test-support/audit-trail.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { type AuditQuery, auditConditions, withReaderKind } from "./audit-filter.js";
import { auditEventsStatement } from "./load-audit-events.js";

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
    expect((await auditor.gql(AUDIT_EVENTS, { first: 1 })).errors).toEqual([]);
    const perPage: Record<number, number> = {};
    for (const first of [1, 10, 40]) {
      const before = statements;
      const result = await auditor.gql(AUDIT_EVENTS, { first, filter: { principalId } });
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

describe.each(testDatabases)("audit trail pages walk an index in both orders on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  /** The plan's node types and the relations they scan, depth first. */
  function nodesOf(plan: PlanNode): PlanNode[] {
    return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
  }

  it("no page, newest or oldest first, first or later, scans the whole history or sorts it", async () => {
    const at = {
      occurredAt: new Date("2026-11-01T00:00:00Z"),
      recordId: randomUUID(),
      position: 1,
    };
    const subjectId = randomUUID();
    const shapes = {
      everything: { subjectId: null, conditions: [] },
      "one subject": { subjectId, conditions: [] },
      "one reader": auditConditions({ principalKind: "STAFF", principalId: randomUUID() }),
      // The console's "Read by" sends the id alone: the resolver looks its kind up first.
      "one reader, by id alone": auditConditions(
        await withReaderKind(api.db.prisma, { principalId: randomUUID() }),
      ),
      "a period": auditConditions({ from: new Date("2026-01-01T00:00:00Z") }),
    } satisfies Record<string, AuditQuery>;
    for (const [shape, query] of Object.entries(shapes)) {
      for (const order of ["NEWEST_FIRST", "OLDEST_FIRST"] as const) {
        for (const after of [null, at]) {
          const statement = auditEventsStatement(query, after, 51, order);
          // With sequential scans and full sorts priced out (the tables here are small, so the
          // planner would otherwise choose them), a plan that still has one has no index to
          // walk in that order.
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
          const label = `${shape}, ${order}, ${after ? "later page" : "first page"}`;
          // Both tables are partitioned by month: each partition is walked by its own copy of
          // the index, and the partitions' ordered scans merged, never sorted.
          const history = nodes.filter((n) =>
            /^AccessRecord(Subject)?(_p\d{4}_\d{2}|_default)?$/.test(n["Relation Name"] ?? ""),
          );
          expect(history.length, label).toBeGreaterThan(0);
          if (shape.startsWith("one reader")) {
            expect(
              history.some((n) =>
                /^AccessRecord_.*principalKind_principalId_occurredAt_idx$/.test(
                  n["Index Name"] ?? "",
                ),
              ),
              label,
            ).toBe(true);
          }
          for (const node of history) expect(node["Node Type"], label).not.toBe("Seq Scan");
          // Only an incremental sort (of the events of one instant): never the whole history.
          expect(
            nodes.map((n) => n["Node Type"]),
            label,
          ).not.toContain("Sort");
        }
      }
    }
  });
});

interface PlanNode {
  readonly "Node Type": string;
  readonly "Relation Name"?: string;
  readonly "Index Name"?: string;
  readonly Plans?: PlanNode[];
}
