/**
 * The migration that partitions the audit and staff action logs by month, over a database
 * that already holds history: every entry is copied unchanged into its month's partition, every
 * hash stays valid (no entry re-linked), the subject index follows, and the chains go on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAccessEvents, verifyAuditLog, verifyStaffActionLog } from "../audit/index.js";
import { type Database, openDatabase } from "../client.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import { migrateAcross } from "../test-support/migrate-across.js";

const FIRST_NEW = "_history_partitions";
const SUBJECT = "0199d000-0000-7000-8000-00000000000a";
const READER = "0199d000-0000-7000-8000-000000000001";
const OFFICER = "0199d000-0000-7000-8000-000000000003";

const auditRecord = (request: string, at: string) => `
  INSERT INTO "AccessRecord" ("id", "chain", "requestId", "principalKind", "principalId",
    "staffRole", "purpose", "occurredAt", "subjectIds", "reads")
  VALUES (gen_random_uuid(), 'STAFF:${READER}', '${request}', 'STAFF', '${READER}',
    'SUPPORT_AGENT', 'SUPPORT', '${at}', ARRAY['${SUBJECT}']::uuid[],
    '[["${SUBJECT}","user.contact.email","customer.email"]]');`;

const staffAction = (request: string, at: string) => `
  INSERT INTO "StaffAction" ("id", "requestId", "staffUserId", "staffRole", "action", "outcome",
    "occurredAt")
  VALUES (gen_random_uuid(), '${request}', '${OFFICER}', 'PRIVACY_OFFICER', 'verifyPrivacyRequest',
    'SUCCEEDED', '${at}');`;

describe.each(testDatabases)("partitioning the histories by month, on $name", (kind) => {
  let testDb: OpenTestDatabase;
  let db: Database;
  let hashesBefore: string[];

  beforeAll(async () => {
    testDb = await kind.open();
    await migrateAcross(testDb.config, FIRST_NEW, async (session, adapter) => {
      for (const sql of [
        auditRecord("r1", "2025-03-10T10:00:00Z"),
        auditRecord("r2", "2025-05-31T23:59:59.999Z"),
        auditRecord("r3", "2025-06-01T00:00:00Z"),
        staffAction("s1", "2025-04-02T09:00:00Z"),
        staffAction("s2", "2025-04-03T09:00:00Z"),
      ]) {
        await session.executeScript(sql);
      }
      const { rows } = await adapter.queryRaw({
        sql: `SELECT "hash" FROM "AccessRecord" UNION ALL SELECT "hash" FROM "StaffAction" ORDER BY 1`,
        args: [],
        argTypes: [],
      });
      hashesBefore = rows.map((row) => String(row[0]));
    });
    db = await openDatabase(testDb.config, { migrate: false });
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it("copies every entry unchanged into its month's partition", async () => {
    const rows = await db.prisma.$queryRaw<{ partition: string; hash: string }[]>`
      SELECT tableoid::regclass::text AS "partition", "hash" FROM "AccessRecord"
      UNION ALL SELECT tableoid::regclass::text, "hash" FROM "StaffAction"
      UNION ALL SELECT tableoid::regclass::text, '' FROM "AccessRecordSubject"
      ORDER BY 1, 2`;
    expect(rows.map((row) => row.partition.replaceAll('"', ""))).toEqual([
      "AccessRecordSubject_p2025_03",
      "AccessRecordSubject_p2025_05",
      "AccessRecordSubject_p2025_06",
      "AccessRecord_p2025_03",
      "AccessRecord_p2025_05",
      "AccessRecord_p2025_06",
      "StaffAction_p2025_04",
      "StaffAction_p2025_04",
    ]);
    expect(
      rows
        .map((row) => row.hash)
        .filter(Boolean)
        .sort(),
    ).toEqual(hashesBefore);
    // Every month from the oldest entry's to three after now's got its partition.
    const [made] = await db.prisma.$queryRaw<{ months: bigint }[]>`
      SELECT count(*) AS "months" FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
      JOIN pg_class c ON c.oid = i.inhrelid
      WHERE p.relname = 'AccessRecord' AND c.relname LIKE 'AccessRecord\\_p%'`;
    const now = new Date();
    const expected = (now.getUTCFullYear() - 2025) * 12 + now.getUTCMonth() - 2 + 1 + 3;
    expect(Number(made?.months)).toBe(expected);
  });

  it("keeps every chain valid, and the chains go on across partitions", async () => {
    expect(await verifyAuditLog(db.prisma)).toEqual({ ok: true, checked: 3 });
    expect(await verifyStaffActionLog(db.prisma)).toEqual({ ok: true, checked: 2 });
    await recordAccessEvents(db.prisma, [
      {
        subjectId: SUBJECT,
        principalKind: "STAFF",
        principalId: READER,
        staffRole: "SUPPORT_AGENT",
        purpose: "SUPPORT",
        reference: "T-4",
        category: "user.contact.email",
        fieldPath: "customer.email",
        requestId: "r4",
      },
    ]);
    expect(await verifyAuditLog(db.prisma)).toEqual({ ok: true, checked: 4 });
    const newest = await db.prisma.accessRecord.findFirstOrThrow({
      where: { chain: `STAFF:${READER}` },
      orderBy: { sequence: "desc" },
    });
    expect(newest.sequence).toBe(4n);
  });
});
