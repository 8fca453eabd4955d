import { randomUUID } from "node:crypto";
import { recordAccessEvents } from "@privet/db/audit";
import { PrismaClient } from "@privet/db/client";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../server/create-server.js";
import { ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { AUDIT_EVENTS } from "../../test-support/audit-trail.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";

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
