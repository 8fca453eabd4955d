import { findAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api.js";
import { registerCustomer, signInStaff } from "../test-support/fixtures.js";
import { graphql } from "../test-support/generated/gql.js";

const READ = graphql(`
  query ReadAuditedInAGroup($id: ID!) @purpose(name: SUPPORT, ref: "T-9") {
    customer(id: $id) { name email }
  }
`);
const VERIFY = graphql(`
  query AuditLogChainsAfterGroup {
    auditVerification { auditLog { ok firstBroken { chain sequence problem } } }
  }
`);

const IN_FLIGHT = 6;

// The audit writer groups the records of concurrent requests into one INSERT (audit-writer.ts):
// over HTTP, every request still gets its data only once its own record is written, the chain
// stays whole, and a group that cannot be written refuses every request in it.
describe.each(testDatabases)("concurrent audited reads on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("each is answered and audited, in one unbroken chain per reader that verifies", async () => {
    const subjects = await Promise.all(
      Array.from({ length: IN_FLIGHT }, () => registerCustomer(api.client())),
    );
    const staff = api.client();
    const member = await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");
    const auditor = api.client();
    await signInStaff(api.db.prisma, auditor, "AUDITOR");

    const results = await Promise.all(subjects.map((s) => staff.gql(READ, { id: s.id })));
    expect(results.map((r) => [r.status, r.data?.customer?.email])).toEqual(
      subjects.map((s) => [200, s.email]),
    );
    for (const subject of subjects) {
      const events = await findAccessEvents(api.db.prisma, { subjectId: subject.id });
      expect(events.map((e) => e.fieldPath).sort()).toEqual(["customer.email", "customer.name"]);
    }
    const records = await api.db.prisma.accessRecord.findMany({
      where: { principalId: member.id },
      orderBy: { sequence: "asc" },
    });
    expect(records.map((r) => r.sequence)).toEqual(
      Array.from({ length: IN_FLIGHT }, (_, i) => BigInt(i + 1)),
    );
    expect((await auditor.gql(VERIFY)).data?.auditVerification.auditLog).toEqual({
      ok: true,
      firstBroken: null,
    });
  });

  it("when the audit cannot be written, every request in flight gets AUDIT_UNAVAILABLE and no data", async () => {
    const subjects = await Promise.all(
      Array.from({ length: IN_FLIGHT }, () => registerCustomer(api.client())),
    );
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");
    await api.db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION test_refuse_group() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit storage unavailable'; END; $$`);
    await api.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_group BEFORE INSERT ON "AccessRecord" FOR EACH ROW EXECUTE FUNCTION test_refuse_group()`,
    );
    try {
      const results = await Promise.all(subjects.map((s) => staff.gql(READ, { id: s.id })));
      for (const [i, result] of results.entries()) {
        expect(result.status).toBe(503);
        expect(result.data).toBeNull();
        expect(result.errors.map((e) => e.extensions?.code)).toEqual(["AUDIT_UNAVAILABLE"]);
        expect(JSON.stringify(result)).not.toContain(subjects[i]?.email);
      }
    } finally {
      await api.db.prisma.$executeRawUnsafe(`DROP TRIGGER test_refuse_group ON "AccessRecord"`);
    }
    for (const subject of subjects)
      expect(await findAccessEvents(api.db.prisma, { subjectId: subject.id })).toEqual([]);

    // The writer recovers: the same reads are answered and audited again.
    const again = await Promise.all(subjects.map((s) => staff.gql(READ, { id: s.id })));
    expect(again.map((r) => r.status)).toEqual(subjects.map(() => 200));
  });
});
