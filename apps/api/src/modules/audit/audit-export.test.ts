import { randomUUID } from "node:crypto";
import { recordAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import {
  type AuditEvent,
  type AuditTrail,
  auditEventsPage,
  recordAuditTrail,
} from "../../test-support/audit-trail.js";
import { signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type { AuditEventFilter } from "../../test-support/generated/graphql.js";

const EXPORT = graphql(`
  query AuditTrailExport($filter: AuditEventFilter, $format: AuditExportFormat) {
    auditExport(filter: $filter, format: $format) { format contentType fileName rows content }
  }
`);
const READ_UNDER_A_FORMULA = graphql(`
  query Formula($id: ID!) @purpose(name: SUPPORT, ref: "-2-3") {
    customer(id: $id) { email }
  }
`);

describe.each(testDatabases)("the audit trail's export on $name", (kind) => {
  let api: TestApi;
  let trail: AuditTrail;
  let all: AuditEvent[];

  const events = (filter: AuditEventFilter | null, first?: number) =>
    auditEventsPage(trail.auditor, filter, first);

  beforeAll(async () => {
    api = await startTestApi(kind);
    trail = await recordAuditTrail(api);
    all = (await events(null)).nodes;
  });
  afterAll(() => api?.close());

  it("exports the filtered events as CSV and JSON, the same as the list", async () => {
    const [a] = trail.customers;
    const filter = { subjectId: a.id };
    const expected = (await events(filter)).nodes;
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);

    const csv = await trail.auditor.gql(EXPORT, { filter });
    expect(csv.errors).toEqual([]);
    const file = csv.data?.auditExport;
    expect(file).toMatchObject({ format: "CSV", contentType: "text/csv", rows: expected.length });
    expect(String(file?.fileName)).toMatch(/^audit-events-.*\.csv$/);
    const lines = String(file?.content).trimEnd().split("\r\n");
    const header = (lines[0] ?? "").split(",");
    expect(header.slice(0, 4)).toEqual(["id", "occurredAt", "principalKind", "principalId"]);
    const body = lines.slice(1).map((line) => line.split(","));
    expect(body.map((cells) => cells[0])).toEqual(expected.map((e) => e.id));
    const subjectColumn = header.indexOf("subjectId");
    expect(new Set(body.map((cells) => cells[subjectColumn]))).toEqual(new Set([a.id]));

    const json = await trail.auditor.gql(EXPORT, {
      filter: { ...filter, outcome: "ALLOWED" },
      format: "JSON",
    });
    expect(json.errors).toEqual([]);
    const parsed = JSON.parse(json.data?.auditExport.content ?? "[]") as AuditEvent[];
    expect(parsed.map((e) => e.id)).toEqual(
      expected.filter((e) => e.outcome === "ALLOWED").map((e) => e.id),
    );
    expect(parsed[0]).toMatchObject({ subjectId: a.id, outcome: "ALLOWED" });
    expect(json.data?.auditExport.rows).toBe(parsed.length);
  });

  it("defuses spreadsheet formulas in declared references in the CSV", async () => {
    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    const [, , c] = trail.customers;
    const read = await agent.gql(READ_UNDER_A_FORMULA, { id: c.id });
    expect(read.errors).toEqual([]);
    const csv = await trail.auditor.gql(EXPORT, {
      filter: { subjectId: c.id, purpose: "SUPPORT" },
    });
    expect(csv.errors).toEqual([]);
    expect(csv.data?.auditExport.content).toContain(",'-2-3,");
    expect(csv.data?.auditExport.content).not.toContain(",-2-3,");
  });

  it("refuses an export above 50,000 events with a clear error", async () => {
    const principalId = randomUUID();
    const subjectId = trail.customers[3].id;
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
    const over = await trail.auditor.gql(EXPORT, { filter: { principalId } });
    expect(over.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter" });
    expect(over.errors[0]?.message).toMatch(/More than 50000 events match: narrow the filter/);
    // One page of them is still listed.
    expect((await events({ principalId }, 3)).nodes).toHaveLength(3);
  }, 120_000);
});
