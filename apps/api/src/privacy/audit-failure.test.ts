import { findAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api.js";
import { registerCustomer, signInStaff } from "../test-support/fixtures.js";
import { graphql } from "../test-support/generated/gql.js";

const READ = graphql(`
  query ReadThatMustBeAudited($id: ID!) @purpose(name: SUPPORT, ref: "T-9") {
    customer(id: $id) { name email }
  }
`);
const VERIFY = graphql(`
  query AuditLogChains {
    auditVerification { auditLog { ok firstBroken { chain sequence problem } } }
  }
`);

const IN_FLIGHT = 6;

/**
 * Makes every audit insert fail, as a full disk or a lost connection would; the function it
 * returns puts the audit back.
 */
async function refuseAuditWrites(api: TestApi): Promise<() => Promise<void>> {
  await api.db.prisma.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit storage unavailable'; END; $$`);
  await api.db.prisma.$executeRawUnsafe(
    `CREATE TRIGGER test_refuse_audit BEFORE INSERT ON "AccessRecord" FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`,
  );
  return async () => {
    await api.db.prisma.$executeRawUnsafe(`DROP TRIGGER test_refuse_audit ON "AccessRecord"`);
  };
}

describe.each(testDatabases)("a read that cannot be audited on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("returns no data and AUDIT_UNAVAILABLE; once the audit works again the read is returned and audited", async () => {
    const subject = await registerCustomer(api.client());
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");

    const restoreAudit = await refuseAuditWrites(api);
    const failed = await staff.gql(READ, { id: subject.id });
    expect(failed.status).toBe(503);
    expect(failed.data).toBeNull();
    expect(failed.errors.map((e) => e.extensions?.code)).toEqual(["AUDIT_UNAVAILABLE"]);
    expect(JSON.stringify(failed)).not.toContain(subject.email);

    await restoreAudit();
    const ok = await staff.gql(READ, { id: subject.id });
    expect(ok.data?.customer?.email).toBe(subject.email);
    expect(
      (await findAccessEvents(api.db.prisma, { subjectId: subject.id, outcome: "ALLOWED" })).length,
    ).toBe(2);
  });

  it("[P-12] a staff member whose audit chain head was deleted as a superuser keeps reading, every read audited, and the verification reports the chain broken", async () => {
    const subject = await registerCustomer(api.client());
    const staff = api.client();
    const member = await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");
    const auditor = api.client();
    await signInStaff(api.db.prisma, auditor, "AUDITOR");
    const chain = `STAFF:${member.id}`;
    const verifyAuditLog = async () => (await auditor.gql(VERIFY)).data?.auditVerification.auditLog;

    expect((await staff.gql(READ, { id: subject.id })).status).toBe(200);
    expect(await verifyAuditLog()).toEqual({ ok: true, firstBroken: null });

    // An attacker with full rights removes the head (the guard trigger switched off with the
    // others). This used to make every later audit insert of this reader collide: 503 for ever.
    await api.db.prisma.$transaction([
      api.db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      api.db.prisma.$executeRawUnsafe(`DELETE FROM "AccessChainHead" WHERE "chain" = $1`, chain),
    ]);
    expect(await verifyAuditLog()).toEqual({
      ok: false,
      firstBroken: { chain, sequence: 1, problem: "HEAD_MISSING" },
    });

    for (let read = 0; read < 2; read++) {
      const result = await staff.gql(READ, { id: subject.id });
      expect(result.status).toBe(200);
      expect(result.data?.customer?.email).toBe(subject.email);
    }
    const records = await api.db.prisma.accessRecord.findMany({
      where: { chain },
      orderBy: { sequence: "asc" },
    });
    expect(records.map((record) => record.sequence)).toEqual([1n, 2n, 3n]);
    expect(
      (await findAccessEvents(api.db.prisma, { principalId: member.id, outcome: "ALLOWED" }))
        .length,
    ).toBe(6);
    expect(await verifyAuditLog()).toEqual({
      ok: false,
      firstBroken: { chain, sequence: 3, problem: "HEAD_REBUILT" },
    });
  });
});

// The audit writer groups the records of concurrent requests into one INSERT (audit-writer.ts):
// every request still gets its data only once its own record is written, the chain stays
// whole, and a group that cannot be written refuses every request in it. (An API of its own:
// the test above breaks a chain on purpose, and this one verifies the whole log.)
describe.each(testDatabases)("concurrent audited reads on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("concurrent reads are each answered and audited, in one unbroken chain per reader that verifies", async () => {
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

  it("when the audit cannot be written, every concurrent request gets AUDIT_UNAVAILABLE and no data", async () => {
    const subjects = await Promise.all(
      Array.from({ length: IN_FLIGHT }, () => registerCustomer(api.client())),
    );
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");
    const restoreAudit = await refuseAuditWrites(api);
    try {
      const results = await Promise.all(subjects.map((s) => staff.gql(READ, { id: s.id })));
      for (const [i, result] of results.entries()) {
        expect(result.status).toBe(503);
        expect(result.data).toBeNull();
        expect(result.errors.map((e) => e.extensions?.code)).toEqual(["AUDIT_UNAVAILABLE"]);
        expect(JSON.stringify(result)).not.toContain(subjects[i]?.email);
      }
    } finally {
      await restoreAudit();
    }
    for (const subject of subjects)
      expect(await findAccessEvents(api.db.prisma, { subjectId: subject.id })).toEqual([]);

    // The writer recovers: the same reads are answered and audited again.
    const again = await Promise.all(subjects.map((s) => staff.gql(READ, { id: s.id })));
    expect(again.map((r) => r.status)).toEqual(subjects.map(() => 200));
  });
});
