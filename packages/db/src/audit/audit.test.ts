import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../client.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import {
  type AccessEventInput,
  createAuditWriter,
  findAccessEvents,
  recordAccessEvents,
  toAccessRecords,
  verifyAuditLog,
} from "./index.js";

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

  const eventsOf = (subjectId: string) => findAccessEvents(db.prisma, { subjectId });
  const recordsOf = (principalId: string) =>
    db.prisma.accessRecord.findMany({ where: { principalId }, orderBy: { sequence: "asc" } });

  it("writes a request's events as one record, linked into the reader's chain", async () => {
    const alice = randomUUID();
    const bob = randomUUID();
    const reader = staffRead(alice, "customer.email");
    expect(await recordAccessEvents(db.prisma, [reader])).toBe(1);
    const again = { principalId: reader.principalId, requestId: randomUUID() };
    const written = await recordAccessEvents(db.prisma, [
      { ...staffRead(alice, "customers.0.email"), ...again },
      { ...staffRead(bob, "customers.1.email"), ...again },
      { ...staffRead(alice, "customers.0.name"), ...again, category: "user.name" },
    ]);
    expect(written).toBe(3);

    const records = await recordsOf(reader.principalId);
    expect(records.map((r) => [r.sequence, [...r.subjectIds].sort()])).toEqual([
      [1n, [alice]],
      [2n, [alice, bob].sort()],
    ]);
    expect(records[0]?.previousHash).toBeNull();
    expect(records[1]?.previousHash).toBe(records[0]?.hash);
    expect(records[1]?.hash).toMatch(/^[0-9a-f]{64}$/);

    // Read back one event per field, with everything the record says of the reader.
    const aliceEvents = await eventsOf(alice);
    expect(aliceEvents.map((e) => [e.fieldPath, e.category, e.outcome])).toEqual([
      ["customer.email", "user.contact.email", "ALLOWED"],
      ["customers.0.email", "user.contact.email", "ALLOWED"],
      ["customers.0.name", "user.name", "ALLOWED"],
    ]);
    expect(aliceEvents[1]).toMatchObject({
      subjectId: alice,
      principalKind: "STAFF",
      principalId: reader.principalId,
      staffRole: "SUPPORT_AGENT",
      purpose: "SUPPORT",
      reference: "T-1042",
      operationName: "Customer",
      requestId: again.requestId,
      denyReason: null,
      breakGlassId: null,
    });
    expect((await eventsOf(bob)).map((e) => e.fieldPath)).toEqual(["customers.1.email"]);
    expect(await verifyAuditLog(db.prisma, { principalId: reader.principalId })).toEqual({
      ok: true,
      checked: 2,
    });
  });

  it("writes nothing for a request that read no one else's data", async () => {
    const before = await db.prisma.accessRecord.count();
    expect(await recordAccessEvents(db.prisma, [])).toBe(0);
    expect(await db.prisma.accessRecord.count()).toBe(before);
  });

  it("keeps a reader's chain intact when its requests are audited concurrently", async () => {
    const principalId = randomUUID();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => {
        const requestId = randomUUID();
        return recordAccessEvents(db.prisma, [
          { ...staffRead(randomUUID(), `a${i}.email`), principalId, requestId },
          { ...staffRead(randomUUID(), `b${i}.email`), principalId, requestId },
        ]);
      }),
    );
    const records = await recordsOf(principalId);
    expect(records.map((r) => r.sequence)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n]);
    expect(await verifyAuditLog(db.prisma, { principalId })).toEqual({ ok: true, checked: 8 });
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ ok: true });
  });

  it("splits a request's events by who read and why, all or none written", async () => {
    const subject = randomUUID();
    const requestId = randomUUID();
    const first = { ...staffRead(subject, "customer.email"), requestId };
    const second = {
      ...staffRead(subject, "customer.name"),
      principalId: first.principalId,
      requestId,
      purpose: "MALFUNCTION_INVESTIGATION" as const,
    };
    expect(await recordAccessEvents(db.prisma, [first, second])).toBe(2);
    expect((await eventsOf(subject)).map((e) => [e.fieldPath, e.purpose])).toEqual([
      ["customer.email", "SUPPORT"],
      ["customer.name", "MALFUNCTION_INVESTIGATION"],
    ]);
    // A batch that cannot be written in full writes nothing.
    const other = randomUUID();
    await expect(
      recordAccessEvents(db.prisma, [
        staffRead(other, "customer.email"),
        { ...staffRead(other, "customer.name"), principalId: "not-a-uuid" },
      ]),
    ).rejects.toThrow();
    expect(await eventsOf(other)).toEqual([]);
  });

  it("the audit writer sends a request's records in one statement on its own connection", async () => {
    const statements: string[] = [];
    const writer = createAuditWriter(db.adapterFactory, { onQuery: (sql) => statements.push(sql) });
    try {
      const subject = randomUUID();
      const requestId = randomUUID();
      const read = { ...staffRead(subject, "customer.email"), requestId };
      const records = toAccessRecords([
        read,
        {
          ...read,
          fieldPath: "customer.name",
          category: "user.name",
          purpose: "MALFUNCTION_INVESTIGATION",
        },
        {
          ...read,
          fieldPath: "customer.phone",
          outcome: "DENIED",
          denyReason: "PURPOSE_NOT_PERMITTED",
        },
      ]);
      expect(records).toHaveLength(2);
      expect(await writer.write(records)).toBe(3);
      expect(statements).toHaveLength(1);
      expect((await eventsOf(subject)).map((e) => [e.fieldPath, e.purpose, e.outcome])).toEqual([
        ["customer.email", "SUPPORT", "ALLOWED"],
        ["customer.phone", "SUPPORT", "DENIED"],
        ["customer.name", "MALFUNCTION_INVESTIGATION", "ALLOWED"],
      ]);
      expect(await verifyAuditLog(db.prisma, { principalId: read.principalId })).toEqual({
        ok: true,
        checked: 2,
      });
      expect(await writer.write([])).toBe(0);
      expect(statements).toHaveLength(1);

      // One statement: a record that cannot be written takes the others down with it.
      const other = randomUUID();
      const bad = toAccessRecords([
        staffRead(other, "customer.email"),
        { ...staffRead(other, "customer.name"), staffRole: "NOT_A_ROLE" as never },
      ]);
      await expect(writer.write(bad)).rejects.toThrow();
      expect(await eventsOf(other)).toEqual([]);
    } finally {
      await writer.close();
    }
  });

  it.each([
    ["UPDATE", `UPDATE "AccessRecord" SET "purpose" = 'MARKETING' WHERE "principalId" = $1::uuid`],
    ["DELETE", `DELETE FROM "AccessRecord" WHERE "principalId" = $1::uuid`],
  ])("the database refuses %s on audit records", async (_op, sql) => {
    const read = staffRead(randomUUID(), "customer.email");
    await recordAccessEvents(db.prisma, [read]);
    await expect(db.prisma.$executeRawUnsafe(sql, read.principalId)).rejects.toThrow(/append-only/);
    expect(await recordsOf(read.principalId)).toMatchObject([{ purpose: "SUPPORT" }]);
  });

  it("records a denied read with its reason, covered by the chain", async () => {
    const subject = randomUUID();
    const read = staffRead(subject, "customer.email");
    await recordAccessEvents(db.prisma, [
      { ...read, outcome: "DENIED", denyReason: "AGREEMENT_EXPIRED" },
      read,
    ]);
    expect((await eventsOf(subject)).map((e) => [e.outcome, e.denyReason])).toEqual([
      ["DENIED", "AGREEMENT_EXPIRED"],
      ["ALLOWED", null],
    ]);
    expect(
      await findAccessEvents(db.prisma, { principalId: read.principalId, outcome: "DENIED" }),
    ).toHaveLength(1);
    // Turning the refusal into an allowed read after the fact breaks the record's hash.
    await db.prisma.$transaction([
      db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      db.prisma.$executeRawUnsafe(
        `UPDATE "AccessRecord" SET "reads" = replace("reads", '"AGREEMENT_EXPIRED"', 'null') WHERE "principalId" = $1::uuid`,
        read.principalId,
      ),
    ]);
    expect(await verifyAuditLog(db.prisma, { principalId: read.principalId })).toMatchObject({
      ok: false,
      checked: 0,
      firstBroken: { sequence: 1, problem: "HASH_MISMATCH" },
    });
  });

  it("refuses a denied event without its reason", async () => {
    await expect(
      recordAccessEvents(db.prisma, [
        { ...staffRead(randomUUID(), "customer.email"), outcome: "DENIED" },
      ]),
    ).rejects.toThrow(/reason/);
  });

  it("verify reports a record rewritten with the triggers switched off", async () => {
    const read = staffRead(randomUUID(), "customer.email");
    await recordAccessEvents(db.prisma, [read]);
    await recordAccessEvents(db.prisma, [{ ...read, requestId: randomUUID() }]);
    // Hiding why data was read: the purpose is rewritten after the fact.
    await db.prisma.$transaction([
      db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      db.prisma.$executeRawUnsafe(
        `UPDATE "AccessRecord" SET "purpose" = 'LEGAL_OBLIGATION' WHERE "principalId" = $1::uuid AND "sequence" = 2`,
        read.principalId,
      ),
    ]);
    expect(await verifyAuditLog(db.prisma, { principalId: read.principalId })).toMatchObject({
      ok: false,
      checked: 1,
      firstBroken: { sequence: 2, problem: "HASH_MISMATCH" },
    });
  });

  it.each([
    ["a record in the middle", 2, "SEQUENCE_GAP"],
    ["the newest record", 3, "HEAD_MISMATCH"],
  ] as const)(
    "verify reports %s deleted with the triggers switched off",
    async (_what, sequence, problem) => {
      const read = staffRead(randomUUID(), "customer.email");
      for (let i = 0; i < 3; i++)
        await recordAccessEvents(db.prisma, [{ ...read, requestId: randomUUID() }]);
      await db.prisma.$transaction([
        db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
        db.prisma.$executeRawUnsafe(
          `DELETE FROM "AccessRecord" WHERE "principalId" = $1::uuid AND "sequence" = $2`,
          read.principalId,
          sequence,
        ),
      ]);
      const verification = await verifyAuditLog(db.prisma, { principalId: read.principalId });
      expect(verification).toMatchObject({ ok: false, firstBroken: { problem } });
    },
  );

  it("verify reports a record forged with the chain trigger switched off", async () => {
    const read = staffRead(randomUUID(), "customer.email");
    await recordAccessEvents(db.prisma, [read]);
    const [genuine] = await recordsOf(read.principalId);
    await db.prisma.$transaction([
      db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      db.prisma.$executeRawUnsafe(
        `INSERT INTO "AccessRecord" ("id", "chain", "sequence", "requestId", "principalKind", "principalId",
           "occurredAt", "subjectIds", "reads", "previousHash", "hash")
         SELECT gen_random_uuid(), "chain", 2, 'forged', "principalKind", "principalId", now(),
           "subjectIds", "reads", "hash", repeat('0', 64)
         FROM "AccessRecord" WHERE "id" = $1::uuid`,
        genuine?.id,
      ),
    ]);
    expect(await verifyAuditLog(db.prisma, { principalId: read.principalId })).toMatchObject({
      ok: false,
      checked: 1,
      firstBroken: { sequence: 2, problem: "HASH_MISMATCH" },
    });
  });
});
