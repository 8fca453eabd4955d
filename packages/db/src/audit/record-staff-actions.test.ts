import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../client.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import { recordStaffActions, type StaffActionInput, verifyStaffActionLog } from "./index.js";

describe.each(testDatabases)("the staff action log's write path on $name", (kind) => {
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

  const action = (staffUserId: string, requestId: string, id: string): StaffActionInput => ({
    requestId,
    staffUserId,
    staffRole: "PRIVACY_OFFICER",
    action: "verifyPrivacyRequest",
    arguments: { id },
    purpose: "SUPPORT",
    reference: "PR-77",
    outcome: "ATTEMPTED",
    errorCode: null,
  });
  const chainOf = (staffUserId: string) =>
    db.prisma.staffAction.findMany({ where: { staffUserId }, orderBy: { sequence: "asc" } });

  it("writes a request's rows in one call, each linked into its staff member's chain", async () => {
    const officer = randomUUID();
    const other = randomUUID();
    const request = randomUUID();
    const [first, second] = [randomUUID(), randomUUID()];
    expect(
      await recordStaffActions(db.prisma, [
        action(officer, request, first),
        action(officer, request, second),
        action(other, request, first),
      ]),
    ).toBe(3);
    expect(
      await recordStaffActions(db.prisma, [
        { ...action(officer, request, first), outcome: "FAILED", errorCode: "FORBIDDEN" },
      ]),
    ).toBe(1);

    const chain = await chainOf(officer);
    expect(chain.map((a) => [a.sequence, a.outcome, a.arguments, a.errorCode])).toEqual([
      [1n, "ATTEMPTED", { id: first }, null],
      [2n, "ATTEMPTED", { id: second }, null],
      [3n, "FAILED", { id: first }, "FORBIDDEN"],
    ]);
    chain.forEach((entry, i) => {
      expect(entry).toMatchObject({ requestId: request, purpose: "SUPPORT", reference: "PR-77" });
      expect(entry.previousHash).toBe(i === 0 ? null : chain[i - 1]?.hash);
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    });
    expect((await chainOf(other)).map((a) => a.sequence)).toEqual([1n]);
    expect(await verifyStaffActionLog(db.prisma, { staffUserId: officer })).toEqual({
      ok: true,
      checked: 3,
    });
  });

  it("writes inside the caller's transaction, and nothing for no rows", async () => {
    const officer = randomUUID();
    await db.prisma.$transaction(async (tx) => {
      expect(await recordStaffActions(tx, [action(officer, randomUUID(), randomUUID())])).toBe(1);
    });
    expect(await recordStaffActions(db.prisma, [])).toBe(0);
    expect((await chainOf(officer)).map((a) => a.sequence)).toEqual([1n]);
  });

  it("one statement: a row that cannot be written takes the others down with it", async () => {
    const officer = randomUUID();
    await expect(
      recordStaffActions(db.prisma, [
        action(officer, randomUUID(), randomUUID()),
        { ...action(officer, randomUUID(), randomUUID()), requestId: "\u0000" },
      ]),
    ).rejects.toThrow();
    expect(await chainOf(officer)).toEqual([]);
  });
});
