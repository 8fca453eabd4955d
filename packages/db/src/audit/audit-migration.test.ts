/**
 * The migration that moved the audit log from one row per field read to one record per
 * request: events written before it must survive it, readable and chained (an acknowledged
 * audit event is never lost).
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { findAccessEvents, verifyAuditLog } from "./index.js";

const MOVE = "_audit_records";
const STAFF = "0199a000-0000-7000-8000-000000000001";
const PARTNER = "0199a000-0000-7000-8000-000000000002";
const ALICE = "0199a000-0000-7000-8000-00000000000a";
const BOB = "0199a000-0000-7000-8000-00000000000b";

/** Four per-field events as the old table held them: two requests of one reader, one of another. */
const OLD_EVENTS = `
INSERT INTO "AccessEvent" ("id", "subjectId", "sequence", "outcome", "denyReason", "principalKind",
  "principalId", "staffRole", "purpose", "reference", "category", "fieldPath", "operationName",
  "requestId", "occurredAt", "hash") VALUES
 ('0199a000-0000-7000-8000-000000000101', '${ALICE}', 1, 'ALLOWED', NULL, 'STAFF', '${STAFF}',
  'SUPPORT_AGENT', 'SUPPORT', 'T-1', 'user.name', 'customer.name', 'Customer', 'r1',
  '2026-10-01T10:00:00Z', 'h1'),
 ('0199a000-0000-7000-8000-000000000102', '${ALICE}', 2, 'ALLOWED', NULL, 'STAFF', '${STAFF}',
  'SUPPORT_AGENT', 'SUPPORT', 'T-1', 'user.contact.email', 'customer.email', 'Customer', 'r1',
  '2026-10-01T10:00:00Z', 'h2'),
 ('0199a000-0000-7000-8000-000000000103', '${BOB}', 1, 'DENIED', 'PURPOSE_NOT_PERMITTED', 'STAFF',
  '${STAFF}', 'SUPPORT_AGENT', 'SUPPORT', 'T-2', 'user.financial.card.last4', 'customer.last4',
  'Customer', 'r2', '2026-10-02T10:00:00Z', 'h3'),
 ('0199a000-0000-7000-8000-000000000104', '${BOB}', 2, 'ALLOWED', NULL, 'PARTNER', '${PARTNER}',
  NULL, 'MARKETING', NULL, 'user.contact.email', 'partnerSubjects.0.email', 'List', 'r3',
  '2026-10-03T10:00:00Z', 'h4')`;

describe.each(testDatabases)("moving per-field audit rows into records on $name", (kind) => {
  let testDb: OpenTestDatabase;
  let db: Database;
  const dirs: string[] = [];

  beforeAll(async () => {
    testDb = await kind.open();
    const { migrations } = await readMigrationsFolder(paths.migrations);
    const before = await mkdtemp(join(tmpdir(), "privet-before-audit-records-"));
    dirs.push(before);
    for (const migration of migrations) {
      if (migration.name.endsWith(MOVE)) break;
      await cp(join(paths.migrations, migration.name), join(before, migration.name), {
        recursive: true,
      });
    }
    const { adapter, close } = await openTestAdapter(testDb.config);
    try {
      await applyPendingMigrations(adapter, { migrationsDir: before });
      const session = await openMigrationSession(adapter);
      try {
        await session.query(OLD_EVENTS);
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

  it("keeps every event, grouped by request and reader, and chains them", async () => {
    const events = await findAccessEvents(db.prisma);
    expect(
      events.map((e) => [e.requestId, e.subjectId, e.fieldPath, e.outcome, e.denyReason]),
    ).toEqual([
      ["r1", ALICE, "customer.name", "ALLOWED", null],
      ["r1", ALICE, "customer.email", "ALLOWED", null],
      ["r2", BOB, "customer.last4", "DENIED", "PURPOSE_NOT_PERMITTED"],
      ["r3", BOB, "partnerSubjects.0.email", "ALLOWED", null],
    ]);
    expect(events[0]).toMatchObject({
      principalKind: "STAFF",
      principalId: STAFF,
      staffRole: "SUPPORT_AGENT",
      purpose: "SUPPORT",
      reference: "T-1",
      operationName: "Customer",
      occurredAt: new Date("2026-10-01T10:00:00Z"),
    });
    const records = await db.prisma.accessRecord.findMany({ orderBy: { occurredAt: "asc" } });
    expect(records.map((r) => [r.chain, r.sequence])).toEqual([
      [`STAFF:${STAFF}`, 1n],
      [`STAFF:${STAFF}`, 2n],
      [`PARTNER:${PARTNER}`, 1n],
    ]);
    expect(await verifyAuditLog(db.prisma)).toEqual({ ok: true, checked: 3 });
  });
});
