import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyedHash } from "../chain/hash.js";
import { type Database, openDatabase } from "../client.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import {
  appendConsentEvent,
  appendConsentEventIn,
  appendConsentEventWith,
  currentConsents,
  verifyConsentLedger,
} from "./index.js";

const HASH_KEY = "test-key-0123456789abcdef";

describe.each(testDatabases)("the consent ledger on $name", (kind) => {
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

  const customer = (subjectId = randomUUID()) => ({ subjectKind: "CUSTOMER" as const, subjectId });

  it("appends events as a hash chain and keeps the projection at the latest event", async () => {
    const subject = customer();
    const first = await appendConsentEvent(db.prisma, {
      ...subject,
      purpose: "MARKETING",
      state: "GIVEN",
      source: "REGISTRATION",
      jurisdiction: "CCPA",
    });
    const second = await appendConsentEvent(db.prisma, {
      ...subject,
      purpose: "MARKETING",
      state: "WITHDRAWN",
      source: "EMAIL_LINK",
    });
    expect([first.sequence, second.sequence]).toEqual([1n, 2n]);
    expect(first.previousHash).toBeNull();
    expect(second.previousHash).toBe(first.hash);

    const current = await db.prisma.consentCurrent.findUniqueOrThrow({
      where: { subjectKind_subjectId_purpose: { ...subject, purpose: "MARKETING" } },
    });
    expect(current).toMatchObject({ state: "WITHDRAWN", source: "EMAIL_LINK", eventId: second.id });

    const snapshots = await currentConsents(db.prisma, "CUSTOMER", [
      subject.subjectId,
      randomUUID(),
    ]);
    expect(snapshots.get(subject.subjectId)).toEqual({ MARKETING: "WITHDRAWN" });
    expect([...snapshots.values()][1]).toEqual({});
    expect(await verifyConsentLedger(db.prisma, subject)).toEqual({ ok: true, checked: 2 });
  });

  it("writes the event and the projection in one transaction: a failure keeps neither", async () => {
    const subject = customer();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await appendConsentEventIn(tx, {
          ...subject,
          purpose: "REMARKETING",
          state: "GIVEN",
          source: "BANNER",
        });
        throw new Error("the caller's next write failed");
      }),
    ).rejects.toThrow("the caller's next write failed");
    expect(await db.prisma.consentEvent.count({ where: subject })).toBe(0);
    expect(await db.prisma.consentCurrent.count({ where: subject })).toBe(0);
  });

  it("keeps one unbroken chain when many writers append for the same subject at once", async () => {
    const subject = customer();
    const states = ["GIVEN", "WITHDRAWN"] as const;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        appendConsentEvent(db.prisma, {
          ...subject,
          purpose: "PERSONALISATION",
          state: states[i % 2] ?? "GIVEN",
          source: "PORTAL",
        }),
      ),
    );
    const sequences = (
      await db.prisma.consentEvent.findMany({ where: subject, orderBy: { sequence: "asc" } })
    ).map((event) => event.sequence);
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i + 1)));
    expect(await verifyConsentLedger(db.prisma, subject)).toEqual({ ok: true, checked: 12 });
  });

  it("keeps one unbroken chain when many one-statement appends race on the driver connection, and acknowledges each once", async () => {
    // appendConsentEventWith: no lock and no transaction; a writer that loses the race for
    // the tip is refused by the trigger (or the unique index) and sends its event again.
    const subject = customer();
    const states = ["GIVEN", "WITHDRAWN"] as const;
    const acknowledged = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        appendConsentEventWith(db.reader, {
          ...subject,
          purpose: "MARKETING",
          state: states[i % 2] ?? "GIVEN",
          source: "API",
          evidence: { writer: i },
        }),
      ),
    );
    const stored = await db.prisma.consentEvent.findMany({
      where: subject,
      orderBy: { sequence: "asc" },
    });
    expect(stored.map((event) => event.sequence)).toEqual(
      Array.from({ length: 16 }, (_, i) => BigInt(i + 1)),
    );
    // Every acknowledged event is stored exactly as acknowledged (id, link and hash).
    expect(new Set(acknowledged.map((event) => event.sequence)).size).toBe(16);
    for (const event of acknowledged) {
      expect(stored.find((row) => row.id === event.id)).toMatchObject({
        sequence: event.sequence,
        previousHash: event.previousHash,
        hash: event.hash,
        evidence: event.evidence,
      });
    }
    expect(await verifyConsentLedger(db.prisma, subject)).toEqual({ ok: true, checked: 16 });
  });

  it("the database keeps the projection: an event inserted with SQL moves it, in the same statement", async () => {
    const subject = customer();
    const first = await appendConsentEvent(db.prisma, {
      ...subject,
      purpose: "SERVICE_IMPROVEMENT",
      state: "GIVEN",
      source: "PORTAL",
    });
    const id = randomUUID();
    const occurredAt = new Date(first.occurredAt.getTime() + 1000);
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "ConsentEvent" ("id","subjectKind","subjectId","sequence","purpose","state","source","occurredAt","previousHash","hash")
       VALUES ($1::uuid,'CUSTOMER',$2::uuid,2,'SERVICE_IMPROVEMENT','WITHDRAWN','API',$3::timestamptz,$4,$5)`,
      id,
      subject.subjectId,
      occurredAt.toISOString(),
      first.hash,
      "e".repeat(64),
    );
    expect(
      await db.prisma.consentCurrent.findUniqueOrThrow({
        where: { subjectKind_subjectId_purpose: { ...subject, purpose: "SERVICE_IMPROVEMENT" } },
      }),
    ).toMatchObject({ state: "WITHDRAWN", source: "API", eventId: id, updatedAt: occurredAt });
    expect(
      await db.prisma.consentChainHead.findUniqueOrThrow({
        where: { subjectKind_subjectId: subject },
      }),
    ).toMatchObject({ sequence: 2n, hash: "e".repeat(64), rebuiltAt: null });
  });

  it.each([
    ["skips a sequence", 3, "first"],
    ["repeats the newest sequence", 1, "first"],
    ["links to another hash than the head's", 2, "other"],
  ] as const)(
    "the database refuses an event that %s: it does not continue its chain",
    async (_what, sequence, previous) => {
      const subject = customer();
      const first = await appendConsentEvent(db.prisma, {
        ...subject,
        purpose: "SERVICE_IMPROVEMENT",
        state: "GIVEN",
        source: "PORTAL",
      });
      await expect(
        db.prisma.$executeRawUnsafe(
          `INSERT INTO "ConsentEvent" ("id","subjectKind","subjectId","sequence","purpose","state","source","occurredAt","previousHash","hash")
           VALUES ($1::uuid,'CUSTOMER',$2::uuid,$3,'SERVICE_IMPROVEMENT','WITHDRAWN','API',now(),$4,$5)`,
          randomUUID(),
          subject.subjectId,
          sequence,
          previous === "first" ? first.hash : "0".repeat(64),
          "d".repeat(64),
        ),
      ).rejects.toThrow(/does not continue its chain/);
      expect(await verifyConsentLedger(db.prisma, subject)).toEqual({ ok: true, checked: 1 });
    },
  );

  it("holds no direct personal data: the IP address only as a keyed hash", async () => {
    const subject = customer();
    const ip = "203.0.113.77";
    await appendConsentEvent(db.prisma, {
      ...subject,
      purpose: "MARKETING",
      state: "GIVEN",
      source: "REGISTRATION",
      ipHash: keyedHash(ip, HASH_KEY),
      evidence: { form: "registration", gpc: false },
    });
    const rows = await db.prisma.$queryRawUnsafe<{ row: string }[]>(
      `SELECT e::text AS row FROM "ConsentEvent" e WHERE "subjectId" = $1::uuid`,
      subject.subjectId,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.row).not.toContain(ip);
    expect(rows[0]?.row).toContain(keyedHash(ip, HASH_KEY));
  });

  describe("tampering", () => {
    let subject: ReturnType<typeof customer>;
    beforeAll(async () => {
      subject = customer();
      for (const state of ["GIVEN", "WITHDRAWN", "GIVEN"] as const) {
        await appendConsentEvent(db.prisma, {
          ...subject,
          purpose: "MARKETING",
          state,
          source: "PORTAL",
        });
      }
    });

    it.each([
      ["UPDATE", `UPDATE "ConsentEvent" SET "state" = 'GIVEN' WHERE "subjectId" = $1::uuid`],
      ["DELETE", `DELETE FROM "ConsentEvent" WHERE "subjectId" = $1::uuid`],
    ])("the database refuses %s on ledger rows", async (_op, sql) => {
      await expect(db.prisma.$executeRawUnsafe(sql, subject.subjectId)).rejects.toThrow(
        /append-only/,
      );
      expect(await db.prisma.consentEvent.count({ where: subject })).toBe(3);
      expect(await verifyConsentLedger(db.prisma, subject)).toEqual({ ok: true, checked: 3 });
    });

    it("the database refuses TRUNCATE of the ledger", async () => {
      await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "ConsentEvent"`)).rejects.toThrow(
        /append-only/,
      );
      expect(await db.prisma.consentEvent.count({ where: subject })).toBe(3);
    });

    it("verify reports a forged row inserted with SQL", async () => {
      const forger = customer();
      const genuine = await appendConsentEvent(db.prisma, {
        ...forger,
        purpose: "MARKETING",
        state: "WITHDRAWN",
        source: "EMAIL_LINK",
      });
      // A forger who can INSERT appends a "consent given" that the customer never gave.
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "ConsentEvent" ("id","subjectKind","subjectId","sequence","purpose","state","source","occurredAt","previousHash","hash")
         VALUES ($1::uuid,'CUSTOMER',$2::uuid,2,'MARKETING','GIVEN','PORTAL',now(),$3,$4)`,
        randomUUID(),
        forger.subjectId,
        genuine.hash,
        "f".repeat(64),
      );
      const result = await verifyConsentLedger(db.prisma, forger);
      expect(result).toMatchObject({
        ok: false,
        checked: 1,
        firstBroken: { sequence: 2, problem: "HASH_MISMATCH" },
      });
    });

    it("verify reports a row rewritten by someone who switched the trigger off", async () => {
      const victim = customer();
      for (const state of ["GIVEN", "WITHDRAWN", "REFUSED"] as const) {
        await appendConsentEvent(db.prisma, {
          ...victim,
          purpose: "MARKETING",
          state,
          source: "PORTAL",
        });
      }
      // A superuser can bypass triggers for one transaction; the chain still tells.
      await db.prisma.$transaction([
        db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
        db.prisma.$executeRawUnsafe(
          `UPDATE "ConsentEvent" SET "state" = 'GIVEN' WHERE "subjectId" = $1::uuid AND "sequence" = 2`,
          victim.subjectId,
        ),
      ]);
      const result = await verifyConsentLedger(db.prisma, victim);
      expect(result).toMatchObject({
        ok: false,
        checked: 1,
        firstBroken: {
          sequence: 2,
          problem: "HASH_MISMATCH",
          chain: `CUSTOMER:${victim.subjectId}`,
        },
      });
    });

    it("verify reports a row deleted by someone who switched the trigger off", async () => {
      const victim = customer();
      for (const state of ["GIVEN", "WITHDRAWN", "GIVEN"] as const) {
        await appendConsentEvent(db.prisma, {
          ...victim,
          purpose: "MARKETING",
          state,
          source: "PORTAL",
        });
      }
      await db.prisma.$transaction([
        db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
        db.prisma.$executeRawUnsafe(
          `DELETE FROM "ConsentEvent" WHERE "subjectId" = $1::uuid AND "sequence" = 2`,
          victim.subjectId,
        ),
      ]);
      expect(await verifyConsentLedger(db.prisma, victim)).toMatchObject({
        ok: false,
        firstBroken: { sequence: 3, problem: "SEQUENCE_GAP" },
      });
    });
  });
});
