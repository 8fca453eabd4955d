/**
 * Several API processes on one PostgreSQL database each run the checkpoint job (a standalone
 * process always does; a cluster's slot 1 being replaced may overlap its successor). Two
 * advancers at once must neither fail nor redo each other's work, and the seal must hold.
 * Two connection pools here are two processes to PostgreSQL; PGlite has one connection, so
 * this runs on PostgreSQL only.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAccessEvents } from "../audit/index.js";
import { type Database, openDatabase } from "../client.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import { verifyAllHistories } from "../verification/verify-all.js";
import {
  type AdvanceReport,
  advanceCheckpoints,
  generateSigningKeyPem,
  sealHolds,
  signerFromPrivateKey,
  verifyFromCheckpoints,
} from "./index.js";

const signer = signerFromPrivateKey(generateSigningKeyPem());
const postgres = testDatabases.find((kind) => kind.name === "postgres");
const READERS = Array.from({ length: 4 }, () => randomUUID());

describe.runIf(postgres)("two processes advancing checkpoints at once", () => {
  let testDb: OpenTestDatabase;
  let first: Database;
  let second: Database;

  beforeAll(async () => {
    testDb = await (postgres as NonNullable<typeof postgres>).open();
    first = await openDatabase(testDb.config);
    second = await openDatabase(testDb.config, { migrate: false });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await testDb?.drop();
  });

  /** `count` audited reads per reader, through the given process's connection. */
  const reads = async (db: Database, count: number) => {
    for (let n = 0; n < count; n++) {
      await recordAccessEvents(
        db.prisma,
        READERS.map((reader) => ({
          subjectId: randomUUID(),
          principalKind: "STAFF" as const,
          principalId: reader,
          staffRole: "SUPPORT_AGENT" as const,
          purpose: "SUPPORT" as const,
          reference: `T-${n}`,
          category: "user.contact.email",
          fieldPath: "customer.email",
          operationName: "Customer",
          requestId: randomUUID(),
        })),
      );
    }
  };

  const auditEntriesRead = (reports: readonly AdvanceReport[]) =>
    reports.find((r) => r.history === "AUDIT_LOG")?.entriesRead ?? -1;

  it("both runs succeed and every entry is verified by exactly one of them", async () => {
    await reads(first, 5);
    const runs = await Promise.all([
      advanceCheckpoints(first.prisma, signer),
      advanceCheckpoints(second.prisma, signer),
    ]);
    for (const reports of runs) expect(reports.every((r) => r.result.ok)).toBe(true);
    // The second waited for the first's commit and started from its checkpoints.
    expect(runs.map(auditEntriesRead).sort()).toEqual([0, 5 * READERS.length]);
    expect(await sealHolds(first.prisma, "AUDIT_LOG", signer)).toBe(true);
  });

  it("while both processes keep writing, repeated overlapping runs leave a seal that holds and chains that verify", async () => {
    const writing = Promise.all([reads(first, 10), reads(second, 10)]);
    const rounds: AdvanceReport[][] = [];
    for (let round = 0; round < 3; round++) {
      rounds.push(
        ...(await Promise.all([
          advanceCheckpoints(first.prisma, signer),
          advanceCheckpoints(second.prisma, signer),
        ])),
      );
    }
    await writing;
    rounds.push(await advanceCheckpoints(second.prisma, signer));
    for (const reports of rounds) expect(reports.every((r) => r.result.ok)).toBe(true);
    // No entry verified twice: the runs together read exactly what was written since.
    expect(rounds.map(auditEntriesRead).reduce((a, b) => a + b, 0)).toBe(20 * READERS.length);
    for (const history of ["AUDIT_LOG", "CONSENT_LEDGER", "STAFF_ACTIONS"] as const) {
      expect(await sealHolds(second.prisma, history, signer)).toBe(true);
    }
    const fromCheckpoints = await verifyFromCheckpoints(first.prisma, signer);
    expect(fromCheckpoints.AUDIT_LOG).toEqual({ ok: true, checked: 25 * READERS.length });
    const full = await verifyAllHistories(first.prisma);
    expect(Object.values(full).every((result) => result.ok)).toBe(true);
  });
});
