/**
 * The migration that gave each person's history its index (AccessRecordSubject): records
 * written before it are back-filled, so their subjects' logs still find them; records written
 * after it are indexed by the insert trigger in the same statement; the index is append-only.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../client.js";
import { applyPendingMigrations } from "../migrations/apply.js";
import { readMigrationsFolder } from "../migrations/files.js";
import { paths } from "../paths.js";
import {
  type OpenTestDatabase,
  openTestAdapter,
  testDatabases,
} from "../test-support/databases.js";
import {
  type AccessEventInput,
  findAccessEvents,
  recordAccessEvents,
  verifyAuditLog,
} from "./index.js";

const MIGRATION = "_access_record_subjects";
const STAFF = "0199a000-0000-7000-8000-000000000001";
const PARTNER = "0199a000-0000-7000-8000-000000000002";
const ALICE = "0199a000-0000-7000-8000-00000000000a";
const BOB = "0199a000-0000-7000-8000-00000000000b";
const CAROL = "0199a000-0000-7000-8000-00000000000c";

const at = (day: number) => new Date(`2026-11-0${day}T10:00:00Z`);

describe.each(testDatabases)("indexing each person's history on $name", (kind) => {
  let testDb: OpenTestDatabase;
  let db: Database;
  let dir: string | undefined;

  beforeAll(async () => {
    testDb = await kind.open();
    const { migrations } = await readMigrationsFolder(paths.migrations);
    dir = await mkdtemp(join(tmpdir(), "privet-before-access-record-subjects-"));
    for (const migration of migrations) {
      if (migration.name.endsWith(MIGRATION)) break;
      await cp(join(paths.migrations, migration.name), join(dir, migration.name), {
        recursive: true,
      });
    }
    const { adapter, close } = await openTestAdapter(testDb.config);
    try {
      await applyPendingMigrations(adapter, { migrationsDir: dir });
    } finally {
      await close();
    }
    // Records written before the migration, with the same INSERT the API uses: a staff read
    // of Alice, a partner's list naming Alice and Bob, and a refused read of Bob.
    const before = await openDatabase(testDb.config, { migrate: false });
    try {
      const earlier: AccessEventInput[] = [
        ...(
          [
            ["user.name", "customer.name"],
            ["user.contact.email", "customer.email"],
          ] as const
        ).map(([category, fieldPath]) => ({
          subjectId: ALICE,
          principalKind: "STAFF" as const,
          principalId: STAFF,
          staffRole: "SUPPORT_AGENT" as const,
          purpose: "SUPPORT" as const,
          category,
          fieldPath,
          requestId: "r1",
          occurredAt: at(1),
        })),
        ...[ALICE, BOB].map((subjectId, i) => ({
          subjectId,
          principalKind: "PARTNER" as const,
          principalId: PARTNER,
          purpose: "MARKETING" as const,
          category: "user.contact.email" as const,
          fieldPath: `partnerSubjects.${i}.email`,
          requestId: "r2",
          occurredAt: at(2),
        })),
        {
          subjectId: BOB,
          outcome: "DENIED" as const,
          denyReason: "PURPOSE_NOT_PERMITTED",
          principalKind: "STAFF" as const,
          principalId: STAFF,
          staffRole: "SUPPORT_AGENT" as const,
          purpose: "MARKETING" as const,
          category: "user.name" as const,
          fieldPath: "customer.name",
          requestId: "r3",
          occurredAt: at(3),
        },
      ];
      await recordAccessEvents(before.prisma, earlier);
    } finally {
      await before.close();
    }
    db = await openDatabase(testDb.config);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const indexOf = (subjectId: string) =>
    db.prisma.accessRecordSubject.findMany({
      where: { subjectId },
      orderBy: [{ occurredAt: "desc" }, { recordId: "desc" }],
    });

  it("back-fills every existing record once per subject it names", async () => {
    const records = await db.prisma.accessRecord.findMany({ orderBy: { occurredAt: "asc" } });
    expect(records).toHaveLength(3);
    const [r1, r2, r3] = records;
    expect((await indexOf(ALICE)).map((row) => [row.recordId, row.occurredAt])).toEqual([
      [r2?.id, at(2)],
      [r1?.id, at(1)],
    ]);
    expect((await indexOf(BOB)).map((row) => row.recordId)).toEqual([r3?.id, r2?.id]);
    expect(await db.prisma.accessRecordSubject.count()).toBe(4);
    // A subject's events are found through the index, all of them.
    const alices = await findAccessEvents(db.prisma, { subjectId: ALICE });
    expect(alices.map((e) => e.fieldPath)).toEqual([
      "customer.name",
      "customer.email",
      "partnerSubjects.0.email",
    ]);
    expect((await findAccessEvents(db.prisma, { subjectId: BOB })).map((e) => e.outcome)).toEqual([
      "ALLOWED",
      "DENIED",
    ]);
    // The chains are untouched.
    expect(await verifyAuditLog(db.prisma)).toEqual({ ok: true, checked: 3 });
  });

  it("indexes a new record in the statement that writes it (several records, several subjects)", async () => {
    const common = {
      principalKind: "STAFF" as const,
      principalId: STAFF,
      staffRole: "SUPPORT_AGENT" as const,
      purpose: "SUPPORT" as const,
      category: "user.name" as const,
      fieldPath: "customer.name",
    };
    await recordAccessEvents(db.prisma, [
      { ...common, subjectId: CAROL, requestId: "r4", occurredAt: at(4) },
      { ...common, subjectId: ALICE, requestId: "r4", occurredAt: at(4) },
      { ...common, subjectId: CAROL, requestId: "r5", occurredAt: at(5) },
    ]);
    const carols = await indexOf(CAROL);
    expect(carols.map((row) => row.occurredAt)).toEqual([at(5), at(4)]);
    expect((await indexOf(ALICE))[0]?.recordId).toBe(carols[1]?.recordId);
    expect(await db.prisma.accessRecordSubject.count()).toBe(7);
  });

  it("refuses to change or remove an index row (a removed row would hide a record from a log)", async () => {
    await expect(
      db.prisma.$executeRawUnsafe(
        `DELETE FROM "AccessRecordSubject" WHERE "subjectId" = $1::uuid`,
        BOB,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.prisma.$executeRawUnsafe(`UPDATE "AccessRecordSubject" SET "occurredAt" = now()`),
    ).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "AccessRecordSubject"`)).rejects.toThrow(
      /append-only/,
    );
    expect((await indexOf(BOB)).length).toBe(2);
  });
});
