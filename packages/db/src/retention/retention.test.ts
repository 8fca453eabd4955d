/**
 * Years of audit history: the audit log and the staff action log are partitioned by month,
 * and whole months are archived to files and dropped, with every chain still verifiable from
 * its first entry (through the files) to its head (in the database).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordAccessEvents, verifyAuditLog, verifyStaffActionLog } from "../audit/index.js";
import {
  advanceCheckpoints,
  generateSigningKeyPem,
  signerFromPrivateKey,
  verifyFromCheckpoints,
} from "../checkpoints/index.js";
import { type Database, openDatabase } from "../client.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import {
  ArchiveError,
  type ArchiveManifest,
  archiveHistories,
  ensureHistoryPartitions,
  listHistoryPartitions,
  verifyArchive,
} from "./index.js";

const NOW = new Date("2026-12-06T12:00:00Z");
const SUBJECT = "0199c000-0000-7000-8000-00000000000a";
const signer = signerFromPrivateKey(generateSigningKeyPem());

describe.each(testDatabases)("history partitions and archives on $name", (kind) => {
  let testDb: OpenTestDatabase;
  let db: Database;
  let dir: string;
  const readerA = randomUUID();
  const readerB = randomUUID();
  const staff = randomUUID();

  beforeEach(async () => {
    testDb = await kind.open();
    db = await openDatabase(testDb.config);
    dir = await mkdtemp(join(tmpdir(), "privet-archive-"));
    await ensureHistoryPartitions(db.prisma, { from: new Date("2026-06-01T00:00:00Z"), now: NOW });
  });
  afterEach(async () => {
    await db?.close();
    await testDb?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const read = (reader: string, at: string, reference = "T-1") =>
    recordAccessEvents(db.prisma, [
      {
        subjectId: SUBJECT,
        principalKind: "STAFF",
        principalId: reader,
        staffRole: "SUPPORT_AGENT",
        purpose: "SUPPORT",
        reference,
        category: "user.contact.email",
        fieldPath: "customer.email",
        operationName: "Customer",
        requestId: randomUUID(),
        occurredAt: new Date(at),
      },
    ]);
  const act = (at: string) =>
    db.prisma.staffAction.createMany({
      data: [
        {
          requestId: randomUUID(),
          staffUserId: staff,
          staffRole: "PRIVACY_OFFICER",
          action: "verifyPrivacyRequest",
          arguments: { id: randomUUID() },
          outcome: "SUCCEEDED",
          occurredAt: new Date(at),
        },
      ],
    });
  const partitionOf = async (table: string, chainColumn: string, chain: string) =>
    (
      await db.prisma.$queryRawUnsafe<{ partition: string; sequence: bigint }[]>(
        `SELECT tableoid::regclass::text AS "partition", "sequence" FROM "${table}"
         WHERE "${chainColumn}"::text = $1 ORDER BY "sequence"`,
        chain,
      )
    ).map((row) => [Number(row.sequence), row.partition.replaceAll('"', "")]);

  it("puts each entry in its month's partition, and one of a month without a partition in the default", async () => {
    await read(readerA, "2026-06-10T10:00:00Z");
    await read(readerA, "2026-07-31T23:59:59.999Z");
    await read(readerA, "2026-08-01T00:00:00Z");
    await read(readerA, "2025-11-15T10:00:00Z");
    expect(await partitionOf("AccessRecord", "chain", `STAFF:${readerA}`)).toEqual([
      [1, "AccessRecord_p2026_06"],
      [2, "AccessRecord_p2026_07"],
      [3, "AccessRecord_p2026_08"],
      [4, "AccessRecord_default"],
    ]);
    // The subject index follows its records.
    const subjectRows = await db.prisma.$queryRawUnsafe<{ partition: string }[]>(
      `SELECT tableoid::regclass::text AS "partition" FROM "AccessRecordSubject"
       WHERE "subjectId" = $1::uuid ORDER BY "occurredAt"`,
      SUBJECT,
    );
    expect(subjectRows.map((r) => r.partition.replaceAll('"', ""))).toEqual([
      "AccessRecordSubject_default",
      "AccessRecordSubject_p2026_06",
      "AccessRecordSubject_p2026_07",
      "AccessRecordSubject_p2026_08",
    ]);
    await act("2026-06-15T09:00:00Z");
    expect(await partitionOf("StaffAction", "staffUserId", staff)).toEqual([
      [1, "StaffAction_p2026_06"],
    ]);
    // The chain is one chain across partitions.
    expect(await verifyAuditLog(db.prisma)).toEqual({ ok: true, checked: 4 });

    // A month whose entries are in the default keeps them there; the months around it are made.
    await ensureHistoryPartitions(db.prisma, { from: new Date("2025-10-01T00:00:00Z"), now: NOW });
    const months = (await listHistoryPartitions(db.prisma))
      .filter((p) => p.table === "AccessRecord")
      .map((p) => p.month);
    expect(months).toContain("2025-10");
    expect(months).not.toContain("2025-11");
    expect(months).toContain("2025-12");
    expect(months).toContain("2027-03");
    expect(months.at(-1)).toBeNull(); // the default
    expect(await verifyAuditLog(db.prisma)).toEqual({ ok: true, checked: 4 });
  });

  it("refuses to truncate, update or delete a partition's entries, as the whole log", async () => {
    await read(readerA, "2026-06-10T10:00:00Z");
    await act("2026-06-15T09:00:00Z");
    for (const statement of [
      `TRUNCATE "AccessRecord_p2026_06"`,
      `TRUNCATE "AccessRecordSubject_p2026_06"`,
      `TRUNCATE "StaffAction_p2026_06"`,
      `TRUNCATE "AccessRecord_default"`,
      `DELETE FROM "AccessRecord_p2026_06"`,
      `UPDATE "StaffAction_p2026_06" SET "reference" = 'x'`,
      `DELETE FROM "AccessRecordSubject_p2026_06"`,
    ]) {
      await expect(db.prisma.$executeRawUnsafe(statement), statement).rejects.toThrow(
        /append-only/,
      );
    }
    expect(await verifyAuditLog(db.prisma)).toEqual({ ok: true, checked: 1 });
  });

  it("archives months to files, drops them, and every chain verifies across the cut", async () => {
    await read(readerA, "2026-06-10T10:00:00Z");
    await read(readerA, "2026-06-20T10:00:00Z");
    await read(readerA, "2026-07-05T10:00:00Z");
    await read(readerA, "2026-08-01T10:00:00Z");
    // Two requests crossing midnight: the later one linked first.
    await read(readerB, "2026-07-01T00:00:00.001Z");
    await read(readerB, "2026-06-30T23:59:59.999Z");
    await act("2026-06-15T09:00:00Z");
    await act("2026-07-15T09:00:00Z");
    await advanceCheckpoints(db.prisma, signer);

    const june = await archiveHistories(db.prisma, { before: "2026-07", dir, now: NOW });
    expect(june.map((m) => [m.history, m.month, m.entries, m.chains])).toEqual([
      ["AUDIT_LOG", "2026-06", 4, 2],
      ["STAFF_ACTIONS", "2026-06", 1, 1],
    ]);
    const manifest = JSON.parse(
      await readFile(join(dir, "AUDIT_LOG-2026-06.manifest.json"), "utf8"),
    ) as ArchiveManifest;
    expect(manifest.runs.map((r) => [r.chain, r.firstSequence, r.lastSequence]).sort()).toEqual(
      [
        [`STAFF:${readerA}`, "1", "2"],
        // B's first entry, written in July, is copied so that the run is whole.
        [`STAFF:${readerB}`, "1", "2"],
      ].sort(),
    );
    const left = (await listHistoryPartitions(db.prisma)).map((p) => p.partition);
    expect(left).not.toContain("AccessRecord_p2026_06");
    expect(left).not.toContain("AccessRecordSubject_p2026_06");
    expect(left).not.toContain("StaffAction_p2026_06");
    expect(left).toContain("AccessRecord_p2026_07");
    // B's July entry stays live, before its anchor, until July goes.
    expect(await partitionOf("AccessRecord", "chain", `STAFF:${readerB}`)).toEqual([
      [1, "AccessRecord_p2026_07"],
    ]);

    // The live chains continue from the anchors; new entries too.
    await read(readerA, "2026-08-02T10:00:00Z");
    await read(readerB, "2026-08-02T10:00:00Z");
    await act("2026-08-02T10:00:00Z");
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ ok: true });
    expect(await verifyStaffActionLog(db.prisma)).toMatchObject({ ok: true });
    expect((await advanceCheckpoints(db.prisma, signer)).every((r) => r.result.ok)).toBe(true);
    const fromCheckpoints = await verifyFromCheckpoints(db.prisma, signer);
    expect(fromCheckpoints.AUDIT_LOG.ok && fromCheckpoints.STAFF_ACTIONS.ok).toBe(true);

    const july = await archiveHistories(db.prisma, { before: "2026-08", dir, now: NOW });
    expect(july.map((m) => [m.history, m.month, m.entries, m.chains])).toEqual([
      // B's July entry was archived with June: only A's July entry is new.
      ["AUDIT_LOG", "2026-07", 1, 1],
      ["STAFF_ACTIONS", "2026-07", 1, 1],
    ]);
    expect(await archiveHistories(db.prisma, { before: "2026-08", dir, now: NOW })).toEqual([]);

    const verified = await verifyArchive(db.prisma, dir);
    expect(verified.problems).toEqual([]);
    expect(verified).toMatchObject({ ok: true, archivedEntries: 7 });
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ ok: true });
    expect((await verifyFromCheckpoints(db.prisma, signer)).AUDIT_LOG.ok).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([
      "AUDIT_LOG-2026-06.jsonl",
      "AUDIT_LOG-2026-06.manifest.json",
      "AUDIT_LOG-2026-07.jsonl",
      "AUDIT_LOG-2026-07.manifest.json",
      "STAFF_ACTIONS-2026-06.jsonl",
      "STAFF_ACTIONS-2026-06.manifest.json",
      "STAFF_ACTIONS-2026-07.jsonl",
      "STAFF_ACTIONS-2026-07.manifest.json",
    ]);
  });

  it("finds an archived entry changed, a file missing, and an anchor moved", async () => {
    await read(readerA, "2026-06-10T10:00:00Z", "T-1");
    await read(readerA, "2026-06-11T10:00:00Z", "T-2");
    await read(readerA, "2026-07-11T10:00:00Z", "T-3");
    await act("2026-06-15T09:00:00Z");
    await archiveHistories(db.prisma, { before: "2026-07", dir, now: NOW });
    expect((await verifyArchive(db.prisma, dir)).ok).toBe(true);

    // Someone edits the archived reference of entry 1 (the JSON stays valid).
    const file = join(dir, "AUDIT_LOG-2026-06.jsonl");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace('"reference":"T-1"', '"reference":"T-9"'));
    const changed = await verifyArchive(db.prisma, dir);
    expect(changed.ok).toBe(false);
    expect(changed.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/AUDIT_LOG 2026-06: AUDIT_LOG-2026-06\.jsonl is not the file/),
        expect.stringMatching(/entry 1 of chain STAFF:.* does not match its hash/),
      ]),
    );
    await writeFile(file, original);

    await rm(join(dir, "STAFF_ACTIONS-2026-06.jsonl"));
    expect((await verifyArchive(db.prisma, dir)).problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/STAFF_ACTIONS-2026-06\.jsonl is missing/)]),
    );

    // An anchor cannot be moved back or removed.
    await expect(
      db.prisma.$executeRawUnsafe(`UPDATE "HistoryArchiveAnchor" SET "sequence" = 1`),
    ).rejects.toThrow(/only moves forward/);
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM "HistoryArchiveAnchor"`)).rejects.toThrow(
      /only moves forward/,
    );
    // Moved forward by hand, to hide the live chain's first entry: the chain no longer links.
    await db.prisma.$transaction([
      db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      db.prisma.$executeRawUnsafe(
        `DELETE FROM "AccessRecord" WHERE "chain" = $1`,
        `STAFF:${readerA}`,
      ),
      db.prisma.$executeRawUnsafe(
        `UPDATE "HistoryArchiveAnchor" SET "sequence" = 3,
           "hash" = (SELECT "hash" FROM "AccessChainHead" WHERE "chain" = $1) WHERE "chain" = $1`,
        `STAFF:${readerA}`,
      ),
    ]);
    await writeFile(join(dir, "STAFF_ACTIONS-2026-06.jsonl"), "");
    const moved = await verifyArchive(db.prisma, dir);
    expect(moved.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/archive ends at entry 2, but the database's anchor says 3/),
      ]),
    );
  });

  it("refuses, in words, a month not yet over, stray entries in the default, and a broken chain", async () => {
    await expect(archiveHistories(db.prisma, { before: "2026-12", dir, now: NOW })).rejects.toThrow(
      /cannot be archived yet.*2026-11 at the latest/,
    );
    await expect(archiveHistories(db.prisma, { before: "2026-13", dir, now: NOW })).rejects.toThrow(
      ArchiveError,
    );

    await read(readerA, "2026-06-10T10:00:00Z");
    await read(readerA, "2026-06-11T10:00:00Z");
    await db.prisma.$transaction([
      db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      db.prisma.$executeRawUnsafe(
        `UPDATE "AccessRecord" SET "reference" = 'T-rewritten' WHERE "chain" = $1 AND "sequence" = 1`,
        `STAFF:${readerA}`,
      ),
    ]);
    await expect(archiveHistories(db.prisma, { before: "2026-07", dir, now: NOW })).rejects.toThrow(
      /Nothing was archived: AUDIT_LOG does not verify .*HASH_MISMATCH/,
    );
    expect((await listHistoryPartitions(db.prisma)).map((p) => p.partition)).toContain(
      "AccessRecord_p2026_06",
    );
    expect(await readdir(dir)).toEqual([]);

    await read(readerB, "2020-01-01T00:00:00Z");
    await expect(archiveHistories(db.prisma, { before: "2026-07", dir, now: NOW })).rejects.toThrow(
      /1 entries of AccessRecord before 2026-07 are in its default partition/,
    );
  });
});
