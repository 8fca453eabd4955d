import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../client.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import { type AccessEventInput, recordAccessEvents, verifyAuditLog } from "./index.js";

describe.each(testDatabases)("the audit log on $name", (kind) => {
  let testDb: OpenTestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await kind.open();
    db = await openDatabase(testDb.config);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const staffRead = (subjectId: string, fieldPath: string): AccessEventInput => ({
    subjectId,
    principalKind: "STAFF",
    principalId: randomUUID(),
    staffRole: "SUPPORT_AGENT",
    purpose: "SUPPORT",
    reference: "T-1042",
    category: "user.contact.email",
    fieldPath,
    operationName: "Customer",
    requestId: randomUUID(),
  });

  it("writes a request's events in one batch, continuing each subject's chain", async () => {
    const alice = randomUUID();
    const bob = randomUUID();
    expect(await recordAccessEvents(db.prisma, [staffRead(alice, "customer.email")])).toBe(1);
    const written = await recordAccessEvents(db.prisma, [
      staffRead(alice, "customers.0.email"),
      staffRead(bob, "customers.1.email"),
      staffRead(alice, "customers.0.name"),
    ]);
    expect(written).toBe(3);

    const aliceEvents = await db.prisma.accessEvent.findMany({
      where: { subjectId: alice },
      orderBy: { sequence: "asc" },
    });
    expect(aliceEvents.map((event) => [event.sequence, event.fieldPath])).toEqual([
      [1, "customer.email"],
      [2, "customers.0.email"],
      [3, "customers.0.name"],
    ]);
    expect(aliceEvents[1]?.previousHash).toBe(aliceEvents[0]?.hash);
    expect(await verifyAuditLog(db.prisma, { subjectId: alice })).toEqual({ ok: true, checked: 3 });
    expect(await verifyAuditLog(db.prisma, { subjectId: bob })).toEqual({ ok: true, checked: 1 });
  });

  it("writes nothing for a request that read no one else's data", async () => {
    const before = await db.prisma.accessEvent.count();
    expect(await recordAccessEvents(db.prisma, [])).toBe(0);
    expect(await db.prisma.accessEvent.count()).toBe(before);
  });

  it("keeps chains intact when requests audit the same subject concurrently", async () => {
    const subject = randomUUID();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        recordAccessEvents(db.prisma, [
          staffRead(subject, `a${i}.email`),
          staffRead(subject, `b${i}.email`),
        ]),
      ),
    );
    expect(await verifyAuditLog(db.prisma, { subjectId: subject })).toEqual({
      ok: true,
      checked: 16,
    });
  });

  it.each([
    ["UPDATE", `UPDATE "AccessEvent" SET "purpose" = 'MARKETING' WHERE "subjectId" = $1::uuid`],
    ["DELETE", `DELETE FROM "AccessEvent" WHERE "subjectId" = $1::uuid`],
  ])("the database refuses %s on audit rows", async (_op, sql) => {
    const subject = randomUUID();
    await recordAccessEvents(db.prisma, [staffRead(subject, "customer.email")]);
    await expect(db.prisma.$executeRawUnsafe(sql, subject)).rejects.toThrow(/append-only/);
    expect(await db.prisma.accessEvent.findFirst({ where: { subjectId: subject } })).toMatchObject({
      purpose: "SUPPORT",
    });
  });

  it("records a denied read with its reason, covered by the chain", async () => {
    const subject = randomUUID();
    await recordAccessEvents(db.prisma, [
      {
        ...staffRead(subject, "customer.email"),
        outcome: "DENIED",
        denyReason: "AGREEMENT_EXPIRED",
      },
      staffRead(subject, "customer.email"),
    ]);
    const rows = await db.prisma.accessEvent.findMany({
      where: { subjectId: subject },
      orderBy: { sequence: "asc" },
    });
    expect(rows.map((row) => [row.outcome, row.denyReason])).toEqual([
      ["DENIED", "AGREEMENT_EXPIRED"],
      ["ALLOWED", null],
    ]);
    await db.prisma.$transaction([
      db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      db.prisma.$executeRawUnsafe(
        `UPDATE "AccessEvent" SET "outcome" = 'ALLOWED', "denyReason" = NULL WHERE "subjectId" = $1::uuid AND "sequence" = 1`,
        subject,
      ),
    ]);
    expect(await verifyAuditLog(db.prisma, { subjectId: subject })).toMatchObject({
      ok: false,
      firstBroken: { sequence: 1, problem: "HASH_MISMATCH" },
    });
  });

  it("verify reports an audit row rewritten with the trigger switched off", async () => {
    const subject = randomUUID();
    await recordAccessEvents(db.prisma, [
      staffRead(subject, "customer.email"),
      staffRead(subject, "customer.name"),
    ]);
    // Hiding why data was read: the purpose is rewritten after the fact.
    await db.prisma.$transaction([
      db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      db.prisma.$executeRawUnsafe(
        `UPDATE "AccessEvent" SET "purpose" = 'LEGAL_OBLIGATION' WHERE "subjectId" = $1::uuid AND "sequence" = 1`,
        subject,
      ),
    ]);
    expect(await verifyAuditLog(db.prisma, { subjectId: subject })).toMatchObject({
      ok: false,
      checked: 0,
      firstBroken: { sequence: 1, problem: "HASH_MISMATCH" },
    });
  });
});
