/**
 * Months archived to files (`npm run db:archive`) as the API shows them: the auditor's
 * verification lists them and still verifies every chain from where the files end; the
 * customer's access log says where it starts, and no longer lists what left.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordAccessEvents } from "@privet/db/audit";
import { archiveHistories, ensureHistoryPartitions } from "@privet/db/retention";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const NOW = new Date("2026-12-06T12:00:00Z");

const VERIFICATION = graphql(`
  query ArchivedVerification {
    auditVerification {
      auditLog { ok }
      staffActions { ok }
      archivedMonths { history month entries sha256 }
    }
  }
`);

const MY_LOG = graphql(`
  query ArchivedMyLog {
    me {
      accessesKeptSince
      accesses(first: 50) { nodes { reference occurredAt } }
    }
  }
`);

describe.each(testDatabases)("archived months through the API on $name", (kind) => {
  let api: TestApi;
  let customer: ApiClient;
  let auditor: ApiClient;
  let dir: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    customer = api.client();
    const { id } = await registerCustomer(customer);
    auditor = api.client();
    await signInStaff(api.db.prisma, auditor, "AUDITOR");
    const reader = api.client();
    const agent = await signInStaff(api.db.prisma, reader, "SUPPORT_AGENT");
    dir = await mkdtemp(join(tmpdir(), "privet-api-archive-"));
    await ensureHistoryPartitions(api.db.prisma, {
      from: new Date("2026-05-01T00:00:00Z"),
      now: NOW,
    });
    for (const [reference, at] of [
      ["T-MAY", "2026-05-10T10:00:00Z"],
      ["T-JUNE", "2026-06-10T10:00:00Z"],
    ] as const) {
      await recordAccessEvents(api.db.prisma, [
        {
          subjectId: id,
          principalKind: "STAFF",
          principalId: agent.id,
          staffRole: "SUPPORT_AGENT",
          purpose: "SUPPORT",
          reference,
          category: "user.contact.email",
          fieldPath: "customer.email",
          requestId: reference,
          occurredAt: new Date(at),
        },
      ]);
    }
  });
  afterAll(async () => {
    await api?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("lists archived months to the auditor, verifies the chains across the cut, and tells the customer where the log starts", async () => {
    const before = await customer.gql(MY_LOG);
    expect(before.errors).toEqual([]);
    expect(before.data?.me?.accessesKeptSince).toBeNull();
    expect(before.data?.me?.accesses?.nodes.map((n) => n.reference)).toEqual(["T-JUNE", "T-MAY"]);
    const nothing = await auditor.gql(VERIFICATION);
    expect(nothing.data?.auditVerification.archivedMonths).toEqual([]);

    await archiveHistories(api.db.prisma, { before: "2026-06", dir, now: NOW });

    const after = await auditor.gql(VERIFICATION);
    expect(after.errors).toEqual([]);
    expect(after.data?.auditVerification.auditLog.ok).toBe(true);
    expect(after.data?.auditVerification.staffActions.ok).toBe(true);
    expect(
      after.data?.auditVerification.archivedMonths.map((m) => [m.history, m.month, m.entries]),
    ).toEqual([
      ["AUDIT_LOG", "2026-05", 1],
      ["STAFF_ACTIONS", "2026-05", 0],
    ]);
    expect(after.data?.auditVerification.archivedMonths[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);

    const mine = await customer.gql(MY_LOG);
    expect(mine.errors).toEqual([]);
    expect(mine.data?.me?.accessesKeptSince).toBe("2026-06-01T00:00:00.000Z");
    expect(mine.data?.me?.accesses?.nodes.map((n) => n.reference)).toEqual(["T-JUNE"]);
  });
});
