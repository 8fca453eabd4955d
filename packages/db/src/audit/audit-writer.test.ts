import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../client.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import {
  type AccessEventInput,
  type AuditWriter,
  createAuditWriter,
  findAccessEvents,
  inChainLockOrder,
  toAccessRecords,
  verifyAuditLog,
} from "./index.js";

describe.each(testDatabases)("the audit writer's group commit on $name", (kind) => {
  let testDb: OpenTestDatabase;
  let db: Database;
  let writer: AuditWriter;
  let statements: string[];

  beforeAll(async () => {
    testDb = await kind.open();
    db = await openDatabase(testDb.config);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const read = (principalId: string, subjectId: string, requestId: string): AccessEventInput => ({
    subjectId,
    principalKind: "PARTNER",
    principalId,
    purpose: "CROSS_BORDER_CONSOLIDATION",
    reference: "DPA-1",
    category: "user.contact.email",
    fieldPath: "partnerSubjects.edges.0.node.email",
    operationName: "List",
    requestId,
  });
  /** One request's records: two reads of one subject. */
  const request = (principalId: string, subjectId = randomUUID()) => {
    const requestId = randomUUID();
    return toAccessRecords([
      read(principalId, subjectId, requestId),
      { ...read(principalId, subjectId, requestId), fieldPath: "x.name", category: "user.name" },
    ]);
  };

  it("sends a lone write at once, and the writes that arrive meanwhile together in one INSERT, each acknowledged with its own events, all in chain order and verifiable", async () => {
    statements = [];
    writer = createAuditWriter(db.adapterFactory, { onQuery: (sql) => statements.push(sql) });
    try {
      const partner = randomUUID();
      const subjects = Array.from({ length: 6 }, () => randomUUID());
      // Six requests of one reader at once: the first goes alone, the five that arrive while
      // it is in flight share the next statement.
      const written = await Promise.all(subjects.map((s) => writer.write(request(partner, s))));
      expect(written).toEqual([2, 2, 2, 2, 2, 2]);
      expect(statements).toHaveLength(2);

      const records = await db.prisma.accessRecord.findMany({
        where: { principalId: partner },
        orderBy: { sequence: "asc" },
      });
      expect(records.map((r) => r.sequence)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
      // The chain's order is the order the writes were asked for.
      expect(records.map((r) => r.subjectIds[0])).toEqual(subjects);
      for (const subject of subjects)
        expect(await findAccessEvents(db.prisma, { subjectId: subject })).toHaveLength(2);
      expect(await verifyAuditLog(db.prisma, { principalId: partner })).toEqual({
        ok: true,
        checked: 6,
      });

      // Once idle, a write goes out on its own again.
      expect(await writer.write(request(partner))).toBe(2);
      expect(statements).toHaveLength(3);
    } finally {
      await writer.close();
    }
  });

  it("fails every write of a group whose INSERT fails, with the same error, writing none of them; the next group is unaffected", async () => {
    statements = [];
    writer = createAuditWriter(db.adapterFactory, { onQuery: (sql) => statements.push(sql) });
    try {
      const partner = randomUUID();
      const first = writer.write(request(partner));
      const good = request(partner);
      // A record the database refuses (not a staff role) poisons the statement it shares.
      const bad = request(randomUUID()).map((r) => ({
        ...r,
        principalKind: "STAFF" as const,
        staffRole: "NOT_A_ROLE" as never,
      }));
      const grouped = [writer.write(good), writer.write(bad)];
      expect(await first).toBe(2);
      const outcomes = await Promise.allSettled(grouped);
      expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
      const reasons = (outcomes as PromiseRejectedResult[]).map((o) => o.reason);
      expect(reasons[0]).toBeInstanceOf(Error);
      expect(reasons[1]).toBe(reasons[0]);
      expect(statements).toHaveLength(2);
      const subjectOfGood = good[0]?.reads[0]?.[0] ?? "";
      expect(await findAccessEvents(db.prisma, { subjectId: subjectOfGood })).toEqual([]);

      // The writer goes on: the chain continues after the refused group, still verifiable.
      expect(await writer.write(request(partner))).toBe(2);
      expect(await verifyAuditLog(db.prisma, { principalId: partner })).toEqual({
        ok: true,
        checked: 2,
      });
    } finally {
      await writer.close();
    }
  });

  it("fails the group whose connection cannot be made, and connects again for the next", async () => {
    let attempts = 0;
    const real = db.adapterFactory;
    const flaky: typeof real = Object.assign(Object.create(real) as typeof real, {
      connect: () => {
        attempts++;
        return attempts === 1 ? Promise.reject(new Error("connection refused")) : real.connect();
      },
    });
    writer = createAuditWriter(flaky);
    try {
      const partner = randomUUID();
      await expect(writer.write(request(partner))).rejects.toThrow("connection refused");
      expect(await writer.write(request(partner))).toBe(2);
      expect(attempts).toBe(2);
      expect(await verifyAuditLog(db.prisma, { principalId: partner })).toEqual({
        ok: true,
        checked: 1,
      });
    } finally {
      await writer.close();
    }
  });

  it("checks its connection for readiness (connecting when it has not yet), and fails the check once closed or unable to connect", async () => {
    let attempts = 0;
    const real = db.adapterFactory;
    const failing: typeof real = Object.assign(Object.create(real) as typeof real, {
      connect: () => {
        attempts++;
        return attempts === 1 ? Promise.reject(new Error("connection refused")) : real.connect();
      },
    });
    writer = createAuditWriter(failing);
    await expect(writer.check()).rejects.toThrow("connection refused");
    await writer.check();
    expect(attempts).toBe(2);
    expect(await writer.write(request(randomUUID()))).toBe(2);
    await writer.close();
    await expect(writer.check()).rejects.toThrow("the audit writer is closed");
    expect(attempts).toBe(2);
  });

  it("puts no more than maxRecordsPerStatement records in one INSERT", async () => {
    statements = [];
    writer = createAuditWriter(db.adapterFactory, {
      onQuery: (sql) => statements.push(sql),
      maxRecordsPerStatement: 2,
    });
    try {
      const partner = randomUUID();
      const writes = Array.from({ length: 5 }, () => writer.write(request(partner)));
      expect(await Promise.all(writes)).toEqual([2, 2, 2, 2, 2]);
      // 1 alone, then 2 + 2.
      expect(statements).toHaveLength(3);
      expect(await verifyAuditLog(db.prisma, { principalId: partner })).toEqual({
        ok: true,
        checked: 5,
      });
    } finally {
      await writer.close();
    }
  });

  it("orders an INSERT's records by chain, keeping each chain's own order", () => {
    const [a1, a2, b1, c1] = ["a", "a", "b", "c"].map((p) =>
      toAccessRecords([read(`0000000${p}-0000-4000-8000-000000000000`, randomUUID(), p)]),
    );
    const records = [c1, a1, b1, a2].flatMap((r) => r ?? []);
    expect(inChainLockOrder(records).map((r) => r.reads[0]?.[0])).toEqual(
      [a1, a2, b1, c1].map((r) => r?.[0]?.reads[0]?.[0]),
    );
  });

  // Two processes (PRIVET_WORKERS) each sending one group with two readers' records, in
  // opposite arrival orders: locked in arrival order, the second to get its first head would
  // wait for the first's other head while holding the one it needs (a deadlock: PostgreSQL
  // aborts one INSERT and its requests are refused). In chain order, one simply waits.
  it.skipIf(kind.name !== "postgres")(
    "two writers whose groups name the same readers in opposite orders do not deadlock",
    async () => {
      const [a, b] = [randomUUID(), randomUUID()].sort();
      const first = createAuditWriter(db.adapterFactory);
      const second = createAuditWriter(db.adapterFactory);
      const url = testDb.config.kind === "postgres" ? testDb.config.url : "";
      const blockers = [new pg.Client(url), new pg.Client(url)];
      try {
        // Both chains exist (their heads are rows to lock).
        await first.write([...request(a ?? ""), ...request(b ?? "")]);
        for (const blocker of blockers) await blocker.connect();
        const hold = async (client: pg.Client, partner: string) => {
          await client.query("BEGIN");
          await client.query(`SELECT 1 FROM "AccessChainHead" WHERE "chain" = $1 FOR UPDATE`, [
            `PARTNER:${partner}`,
          ]);
        };
        const [holdA, holdB] = blockers;
        if (!holdA || !holdB || !a || !b) throw new Error("setup");
        await hold(holdA, a);
        await hold(holdB, b);
        const one = first.write([...request(a), ...request(b)]);
        const other = second.write([...request(b), ...request(a)]);
        const waiting = async (count: number) => {
          for (let i = 0; i < 100; i++) {
            const { rows } = await holdA.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            if (rows[0].n >= count) return;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        };
        await waiting(2);
        await holdA.query("COMMIT");
        await waiting(2);
        await holdB.query("COMMIT");
        expect(await Promise.all([one, other])).toEqual([4, 4]);
        for (const partner of [a, b])
          expect(await verifyAuditLog(db.prisma, { principalId: partner })).toEqual({
            ok: true,
            checked: 3,
          });
      } finally {
        for (const blocker of blockers) await blocker.end().catch(() => {});
        await first.close();
        await second.close();
      }
    },
  );
});
