import { findAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api.js";
import { registerCustomer, signInStaff } from "../test-support/fixtures.js";

const READ = `query Read($id: ID!) @purpose(name: SUPPORT, ref: "T-9") { customer(id: $id) { name email } }`;

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

    // Make every audit insert fail, as a full disk or a lost connection would.
    await api.db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit storage unavailable'; END; $$`);
    await api.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_audit BEFORE INSERT ON "AccessRecord" FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`,
    );
    const failed = await staff.gql(READ, { id: subject.id });
    expect(failed.status).toBe(503);
    expect(failed.data).toBeNull();
    expect(failed.errors.map((e) => e.extensions?.code)).toEqual(["AUDIT_UNAVAILABLE"]);
    expect(JSON.stringify(failed)).not.toContain(subject.email);

    await api.db.prisma.$executeRawUnsafe(`DROP TRIGGER test_refuse_audit ON "AccessRecord"`);
    const ok = await staff.gql<{ customer: { email: string } }>(READ, { id: subject.id });
    expect(ok.data?.customer.email).toBe(subject.email);
    expect(
      (await findAccessEvents(api.db.prisma, { subjectId: subject.id, outcome: "ALLOWED" })).length,
    ).toBe(2);
  });
});
