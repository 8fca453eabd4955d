import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { type AuditTrail, recordAuditTrail } from "../../test-support/audit-trail.js";
import { graphql } from "../../test-support/generated/gql.js";

const VERIFY = graphql(`
  query AuditTrailVerification {
    auditVerification {
      auditLog { ok checked firstBroken { chain sequence problem entryId } }
      consentLedger { ok checked firstBroken { chain sequence problem entryId } }
      verifiedAt
    }
  }
`);

describe.each(testDatabases)("the audit trail's verification on $name", (kind) => {
  let api: TestApi;
  let trail: AuditTrail;
  beforeAll(async () => {
    api = await startTestApi(kind);
    trail = await recordAuditTrail(api);
  });
  afterAll(() => api?.close());

  it("verifies both hash chains, then reports a rewritten audit record as HASH_MISMATCH", async () => {
    const ok = await trail.auditor.gql(VERIFY);
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
      where: { principalId: trail.agentId, purpose: "SUPPORT" },
    });
    await api.db.prisma.$transaction([
      api.db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      api.db.prisma.$executeRawUnsafe(
        `UPDATE "AccessRecord" SET "purpose" = 'LEGAL_OBLIGATION' WHERE "id" = $1::uuid`,
        record.id,
      ),
    ]);
    const broken = await trail.auditor.gql(VERIFY);
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
