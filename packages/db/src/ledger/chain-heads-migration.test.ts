/**
 * The migrations that made sequences 64-bit and gave every chain a head: histories written
 * before them must verify after them (no hash rewritten), the consent ledger's heads must be
 * backfilled, and a database already caught in the old failure (an audit head deleted, so
 * that reader's every read failed) must write again, with the tampering reported.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAccessEvents, verifyAuditLog, verifyStaffActionLog } from "../audit/index.js";
import { chainHash } from "../chain/hash.js";
import { type Database, openDatabase } from "../client.js";
import { applyPendingMigrations } from "../migrations/apply.js";
import { readMigrationsFolder } from "../migrations/files.js";
import { openMigrationSession } from "../migrations/session.js";
import { paths } from "../paths.js";
import {
  type OpenTestDatabase,
  openTestAdapter,
  testDatabases,
} from "../test-support/databases.js";
import { consentEventContent } from "./consent-event-content.js";
import { appendConsentEvent, verifyConsentLedger } from "./index.js";

const FIRST_NEW = "_chain_sequences_bigint";
const ALICE = "0199b000-0000-7000-8000-00000000000a";
const BOB = "0199b000-0000-7000-8000-00000000000b";
const READER = "0199b000-0000-7000-8000-000000000001";
const LOCKED_OUT = "0199b000-0000-7000-8000-000000000002";
const OFFICER = "0199b000-0000-7000-8000-000000000003";

/** A subject's events as the old writer made them: hashes over a 32-bit sequence. */
function oldLedger(subjectId: string, states: readonly string[]): string[] {
  let previousHash: string | null = null;
  return states.map((state, i) => {
    const fields = {
      subjectKind: "CUSTOMER" as const,
      subjectId,
      sequence: BigInt(i + 1),
      purpose: i === 0 ? ("MARKETING" as const) : ("PERSONALISATION" as const),
      state: state as "GIVEN",
      source: "PORTAL" as const,
      policyVersionId: null,
      jurisdiction: "GDPR" as const,
      ipHash: null,
      evidence: { form: "portal", "10": [1, { b: 2, a: 1 }] },
      occurredAt: new Date(Date.UTC(2026, 0, 1 + i)),
    };
    // The old writer hashed the sequence as a JavaScript number.
    const hash = chainHash(previousHash, { ...consentEventContent(fields), sequence: i + 1 });
    const id = `0199b000-0000-7000-8000-${subjectId.slice(-2)}00000000${i}0`.slice(0, 36);
    const sql = `
      INSERT INTO "ConsentEvent" ("id", "subjectKind", "subjectId", "sequence", "purpose", "state",
        "source", "jurisdiction", "evidence", "occurredAt", "previousHash", "hash")
      VALUES ('${id}', 'CUSTOMER', '${subjectId}', ${i + 1}, '${fields.purpose}', '${state}',
        'PORTAL', 'GDPR', '${JSON.stringify(fields.evidence)}', '${fields.occurredAt.toISOString()}',
        ${previousHash ? `'${previousHash}'` : "NULL"}, '${hash}');
      INSERT INTO "ConsentCurrent" ("subjectKind", "subjectId", "purpose", "state", "source",
        "eventId", "updatedAt")
      VALUES ('CUSTOMER', '${subjectId}', '${fields.purpose}', '${state}', 'PORTAL', '${id}',
        '${fields.occurredAt.toISOString()}')
      ON CONFLICT ("subjectKind", "subjectId", "purpose") DO UPDATE SET "state" = EXCLUDED."state",
        "eventId" = EXCLUDED."eventId", "updatedAt" = EXCLUDED."updatedAt";`;
    previousHash = hash;
    return sql;
  });
}

const auditRecord = (reader: string, request: string) => `
  INSERT INTO "AccessRecord" ("id", "chain", "requestId", "principalKind", "principalId",
    "staffRole", "purpose", "occurredAt", "subjectIds", "reads")
  VALUES (gen_random_uuid(), 'STAFF:${reader}', '${request}', 'STAFF', '${reader}',
    'SUPPORT_AGENT', 'SUPPORT', '2026-02-01T10:00:00Z', ARRAY['${ALICE}']::uuid[],
    '[["${ALICE}","user.contact.email","customer.email"]]');`;

const staffAction = (request: string) => `
  INSERT INTO "StaffAction" ("id", "requestId", "staffUserId", "staffRole", "action", "outcome")
  VALUES (gen_random_uuid(), '${request}', '${OFFICER}', 'PRIVACY_OFFICER', 'verifyPrivacyRequest',
    'SUCCEEDED');`;

describe.each(testDatabases)("giving every chain a head, on $name", (kind) => {
  let testDb: OpenTestDatabase;
  let db: Database;
  const dirs: string[] = [];

  beforeAll(async () => {
    testDb = await kind.open();
    const { migrations } = await readMigrationsFolder(paths.migrations);
    const before = await mkdtemp(join(tmpdir(), "privet-before-chain-heads-"));
    dirs.push(before);
    for (const migration of migrations) {
      if (migration.name.endsWith(FIRST_NEW)) break;
      await cp(join(paths.migrations, migration.name), join(before, migration.name), {
        recursive: true,
      });
    }
    const { adapter, close } = await openTestAdapter(testDb.config);
    try {
      await applyPendingMigrations(adapter, { migrationsDir: before });
      const session = await openMigrationSession(adapter);
      try {
        for (const sql of [
          ...oldLedger(ALICE, ["GIVEN", "GIVEN", "WITHDRAWN"]),
          ...oldLedger(BOB, ["GIVEN"]),
          auditRecord(READER, "r1"),
          auditRecord(READER, "r2"),
          auditRecord(LOCKED_OUT, "r3"),
          auditRecord(LOCKED_OUT, "r4"),
          // The old failure: the head deleted (nothing refused it then). The old trigger
          // recreated it at 0, and every later record of this reader collided with #1.
          `DELETE FROM "AccessChainHead" WHERE "chain" = 'STAFF:${LOCKED_OUT}';`,
          staffAction("s1"),
          staffAction("s2"),
        ]) {
          await session.executeScript(sql);
        }
        await expect(session.executeScript(auditRecord(LOCKED_OUT, "r5"))).rejects.toThrow();
      } finally {
        await session.close();
      }
      await applyPendingMigrations(adapter);
    } finally {
      await close();
    }
    db = await openDatabase(testDb.config, { migrate: false });
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("keeps every consent hash valid and gives each subject its head", async () => {
    expect(await verifyConsentLedger(db.prisma)).toEqual({ ok: true, checked: 4 });
    for (const [subjectId, sequence] of [
      [ALICE, 3n],
      [BOB, 1n],
    ] as const) {
      const newest = await db.prisma.consentEvent.findFirstOrThrow({
        where: { subjectId, sequence },
      });
      expect(
        await db.prisma.consentChainHead.findUnique({
          where: { subjectKind_subjectId: { subjectKind: "CUSTOMER", subjectId } },
        }),
      ).toEqual({
        subjectKind: "CUSTOMER",
        subjectId,
        sequence,
        hash: newest.hash,
        rebuiltAt: null,
      });
    }
    // The chain goes on from its head, and the projection follows.
    await appendConsentEvent(db.prisma, {
      subjectKind: "CUSTOMER",
      subjectId: ALICE,
      purpose: "MARKETING",
      state: "WITHDRAWN",
      source: "EMAIL_LINK",
    });
    expect(await verifyConsentLedger(db.prisma)).toEqual({ ok: true, checked: 5 });
  });

  it("keeps the audit and staff action hashes valid, and writes again for the reader whose head was lost", async () => {
    expect(await verifyAuditLog(db.prisma, { principalId: READER })).toEqual({
      ok: true,
      checked: 2,
    });
    expect(await verifyStaffActionLog(db.prisma)).toEqual({ ok: true, checked: 2 });
    await recordAccessEvents(db.prisma, [
      {
        subjectId: BOB,
        principalKind: "STAFF",
        principalId: LOCKED_OUT,
        staffRole: "SUPPORT_AGENT",
        purpose: "SUPPORT",
        category: "user.contact.email",
        fieldPath: "customer.email",
        requestId: "r6",
      },
    ]);
    const records = await db.prisma.accessRecord.findMany({
      where: { principalId: LOCKED_OUT },
      orderBy: { sequence: "asc" },
    });
    expect(records.map((r) => [r.requestId, r.sequence])).toEqual([
      ["r3", 1n],
      ["r4", 2n],
      ["r6", 3n],
    ]);
    expect(await verifyAuditLog(db.prisma, { principalId: LOCKED_OUT })).toMatchObject({
      ok: false,
      firstBroken: { chain: `STAFF:${LOCKED_OUT}`, sequence: 3, problem: "HEAD_REBUILT" },
    });
  });
});
