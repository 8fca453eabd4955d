/**
 * Checkpoints a superuser cannot forge. The attacker has the database (triggers switched off
 * with session_replication_role = replica, hashes recomputed with the database's own
 * functions) but not the signing key. Two rewrites that leave every chain consistent, so
 * that the chains alone verify, are caught by an export taken before them:
 * (a) the newest entries deleted and the head rolled back;
 * (b) an entry rewritten and every hash after it recomputed up to the head.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordAccessEvents, verifyAuditLog } from "../audit/index.js";
import { type Database, openDatabase } from "../client.js";
import { appendConsentEvent } from "../ledger/index.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import { verifyAllHistories } from "../verification/verify-all.js";
import {
  advanceCheckpoints,
  CheckpointExportError,
  checkExport,
  exportCheckpoints,
  generateSigningKeyPem,
  signerFromPrivateKey,
  verifierFromPublicKey,
  verifyAgainstExport,
  verifyFromCheckpoints,
} from "./index.js";

const signer = signerFromPrivateKey(generateSigningKeyPem());

describe.each(testDatabases)("chain checkpoints on $name", (kind) => {
  let testDb: OpenTestDatabase;
  let db: Database;
  const reader = randomUUID();
  const chain = `STAFF:${reader}`;

  beforeEach(async () => {
    testDb = await kind.open();
    db = await openDatabase(testDb.config);
  });
  afterEach(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const read = (n: number) =>
    recordAccessEvents(db.prisma, [
      {
        subjectId: "0199a000-0000-7000-8000-00000000000a",
        principalKind: "STAFF",
        principalId: reader,
        staffRole: "SUPPORT_AGENT",
        purpose: "SUPPORT",
        reference: `T-${n}`,
        category: "user.contact.email",
        fieldPath: "customer.email",
        operationName: "Customer",
        requestId: randomUUID(),
      },
    ]);
  const reads = async (count: number) => {
    for (let n = 0; n < count; n++) await read(n);
  };

  /** What a superuser can do: switch every trigger off for one transaction, then write. */
  const asSuperuser = (statements: readonly (readonly [string, ...unknown[]])[]) =>
    db.prisma.$transaction([
      db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      ...statements.map(([sql, ...args]) => db.prisma.$executeRawUnsafe(sql, ...args)),
    ]);

  it("advances: the next run verifies only what was written since, and answers from the checkpoint", async () => {
    await reads(5);
    await appendConsentEvent(db.prisma, {
      subjectKind: "CUSTOMER",
      subjectId: randomUUID(),
      purpose: "MARKETING",
      state: "GIVEN",
      source: "PORTAL",
    });
    const first = await advanceCheckpoints(db.prisma, signer);
    expect(first.map((r) => [r.history, r.result.ok, r.entriesRead])).toEqual([
      ["AUDIT_LOG", true, 5],
      ["CONSENT_LEDGER", true, 1],
      ["STAFF_ACTIONS", true, 0],
    ]);
    await reads(3);
    const second = await advanceCheckpoints(db.prisma, signer);
    // The checkpointed entry is read again (its hash must not have changed), then the 3 new.
    expect(second.map((r) => [r.history, r.entriesRead])).toEqual([
      ["AUDIT_LOG", 3],
      ["CONSENT_LEDGER", 0],
      ["STAFF_ACTIONS", 0],
    ]);
    expect(await verifyFromCheckpoints(db.prisma, signer)).toEqual({
      AUDIT_LOG: { ok: true, checked: 8 },
      CONSENT_LEDGER: { ok: true, checked: 1 },
      STAFF_ACTIONS: { ok: true, checked: 0 },
    });
  });

  it("[P-12] (a) the newest entries deleted and the head rolled back: the chain verifies, the earlier export does not", async () => {
    await reads(5);
    await advanceCheckpoints(db.prisma, signer);
    const earlier = checkExport(
      JSON.parse(JSON.stringify(await exportCheckpoints(db.prisma, signer))),
      verifierFromPublicKey(signer.publicKeyPem),
    );

    await asSuperuser([
      [`DELETE FROM "AccessRecord" WHERE "chain" = $1 AND "sequence" > 3`, chain],
      [
        `UPDATE "AccessChainHead" h SET "sequence" = 3, "rebuiltAt" = NULL,
           "hash" = (SELECT "hash" FROM "AccessRecord" WHERE "chain" = $1 AND "sequence" = 3)
         WHERE h."chain" = $1`,
        chain,
      ],
    ]);
    // The chain alone is consistent: nothing shows.
    expect(await verifyAuditLog(db.prisma)).toEqual({ ok: true, checked: 3 });
    expect((await verifyAllHistories(db.prisma)).AUDIT_LOG.ok).toBe(true);
    // The export remembers entry 5.
    expect((await verifyAgainstExport(db.prisma, earlier)).AUDIT_LOG).toMatchObject({
      ok: false,
      firstBroken: { chain, sequence: 5, problem: "CHECKPOINT_MISMATCH" },
    });
    // So does the stored checkpoint, while its seal holds.
    expect((await verifyFromCheckpoints(db.prisma, signer)).AUDIT_LOG).toMatchObject({
      ok: false,
      firstBroken: { chain, sequence: 5, problem: "CHECKPOINT_MISMATCH" },
    });
    // Rolling the checkpoint back too breaks its seal: the key is not in the database.
    await asSuperuser([
      [
        `UPDATE "ChainCheckpoint" SET "sequence" = 3,
           "hash" = (SELECT "hash" FROM "AccessRecord" WHERE "chain" = $1 AND "sequence" = 3)
         WHERE "history" = 'AUDIT_LOG' AND "chain" = $1`,
        chain,
      ],
    ]);
    expect((await verifyFromCheckpoints(db.prisma, signer)).AUDIT_LOG).toMatchObject({
      ok: false,
      firstBroken: { problem: "CHECKPOINT_UNTRUSTED" },
    });
    // And the job does not re-seal what was edited.
    const [audit] = await advanceCheckpoints(db.prisma, signer);
    expect(audit?.result).toMatchObject({ firstBroken: { problem: "CHECKPOINT_UNTRUSTED" } });
  });

  it("[P-12] (b) an entry rewritten and every hash recomputed to the head: the chain verifies, the earlier export does not", async () => {
    await reads(5);
    await advanceCheckpoints(db.prisma, signer);
    const earlier = await exportCheckpoints(db.prisma, signer);

    // Hide why entry 2 was read, then relink 2..5 and the head with correct hashes.
    const relink: [string, ...unknown[]][] = [
      [
        `UPDATE "AccessRecord" SET "purpose" = 'LEGAL_OBLIGATION' WHERE "chain" = $1 AND "sequence" = 2`,
        chain,
      ],
    ];
    for (let sequence = 2; sequence <= 5; sequence++) {
      relink.push(
        [
          `UPDATE "AccessRecord" a SET "previousHash" = (SELECT p."hash" FROM "AccessRecord" p
             WHERE p."chain" = a."chain" AND p."sequence" = a."sequence" - 1)
           WHERE a."chain" = $1 AND a."sequence" = $2`,
          chain,
          sequence,
        ],
        [
          `UPDATE "AccessRecord" a SET "hash" = "privet_access_record_hash"(a)
           WHERE a."chain" = $1 AND a."sequence" = $2`,
          chain,
          sequence,
        ],
      );
    }
    relink.push([
      `UPDATE "AccessChainHead" h SET "hash" = (SELECT "hash" FROM "AccessRecord"
         WHERE "chain" = $1 AND "sequence" = 5) WHERE h."chain" = $1`,
      chain,
    ]);
    await asSuperuser(relink);

    expect(await verifyAuditLog(db.prisma)).toEqual({ ok: true, checked: 5 });
    expect((await verifyAgainstExport(db.prisma, earlier)).AUDIT_LOG).toMatchObject({
      ok: false,
      firstBroken: { chain, sequence: 5, problem: "CHECKPOINT_MISMATCH" },
    });
    expect((await verifyFromCheckpoints(db.prisma, signer)).AUDIT_LOG).toMatchObject({
      ok: false,
      firstBroken: { chain, sequence: 5, problem: "CHECKPOINT_MISMATCH" },
    });
  });

  it("an export edited, or checked with another key, is refused", async () => {
    await reads(2);
    await advanceCheckpoints(db.prisma, signer);
    const exported = await exportCheckpoints(db.prisma, signer);
    const edited = JSON.parse(JSON.stringify(exported));
    edited.histories[0].checkpoints[0].sequence = "1";
    expect(() => checkExport(edited, signer)).toThrow(CheckpointExportError);
    const other = signerFromPrivateKey(generateSigningKeyPem());
    expect(() => checkExport(exported, other)).toThrow(CheckpointExportError);
    expect(checkExport(exported, signer).histories).toHaveLength(3);
  });
});
