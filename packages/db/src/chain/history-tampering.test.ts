/**
 * Tampering with the three histories (the consent ledger, the audit log, the staff action
 * log) the way an attacker with full rights would: as a superuser, with the triggers
 * switched off for the transaction (session_replication_role = replica). Nothing stops such
 * an attacker from changing rows; every change must then be found by the verifier, with the
 * right problem. And what an ordinary client may do is only to append: heads and the consent
 * projection refuse every other write, and a deleted head no longer stops a chain's writes.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccessEvents, recordAccessEvents, verifyAuditLog } from "../audit/index.js";
import { verifyStaffActionLog } from "../audit/verify-staff-actions.js";
import { type Database, openDatabase } from "../client.js";
import { consentEventContent } from "../ledger/consent-event-content.js";
import { appendConsentEvent, currentConsents, verifyConsentLedger } from "../ledger/index.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import { type ChainProblem, type ChainVerification, chainHash } from "./hash.js";

type Statement = readonly [sql: string, ...args: unknown[]];

/** One history as the tests drive it: its product write path, its tables, its verifier. */
interface History {
  readonly name: "consent ledger" | "audit log" | "staff action log";
  /** Its name, after the policy clause whose evidence it is (if any). */
  readonly title: string;
  readonly table: string;
  /** One chain's rows, its id as $1. */
  readonly chainWhere: string;
  readonly headTable: string;
  readonly headWhere: string;
  /** A SET clause rewriting an entry's content. */
  readonly rewrite: string;
  /** The chain's id in verification reports. */
  chainKey(id: string): string;
  append(db: Database, id: string, n: number): Promise<unknown>;
  /** A read of the chain through the product's read path. */
  read(db: Database, id: string): Promise<number>;
  verify(db: Database, id: string): Promise<ChainVerification>;
  /** Statements appending a fabricated entry that links correctly to the newest one. */
  forge(db: Database, id: string): Promise<Statement[]>;
}

const consentLedger: History = {
  name: "consent ledger",
  title: "[P-08] consent ledger",
  table: "ConsentEvent",
  chainWhere: `"subjectKind" = 'CUSTOMER' AND "subjectId" = $1::uuid`,
  headTable: "ConsentChainHead",
  headWhere: `"subjectKind" = 'CUSTOMER' AND "subjectId" = $1::uuid`,
  // A withdrawal turned into consent the customer never gave.
  rewrite: `"state" = 'GIVEN'`,
  chainKey: (id) => `CUSTOMER:${id}`,
  append: (db, id, n) =>
    appendConsentEvent(db.prisma, {
      subjectKind: "CUSTOMER",
      subjectId: id,
      purpose: "MARKETING",
      state: n % 2 === 0 ? "GIVEN" : "WITHDRAWN",
      source: "PORTAL",
    }),
  read: async (db, id) =>
    Object.keys((await currentConsents(db.prisma, "CUSTOMER", [id])).get(id) ?? {}).length,
  verify: (db, id) => verifyConsentLedger(db.prisma, { subjectKind: "CUSTOMER", subjectId: id }),
  async forge(db, id) {
    // The attacker knows how hashes are made: the forged event links perfectly.
    const newest = await db.prisma.consentEvent.findFirstOrThrow({
      where: { subjectKind: "CUSTOMER", subjectId: id },
      orderBy: { sequence: "desc" },
    });
    const fields = {
      subjectKind: "CUSTOMER" as const,
      subjectId: id,
      sequence: newest.sequence + 1n,
      purpose: "MARKETING" as const,
      state: "GIVEN" as const,
      source: "PORTAL" as const,
      policyVersionId: null,
      jurisdiction: null,
      ipHash: null,
      evidence: {},
      occurredAt: new Date(newest.occurredAt.getTime() + 1000),
    };
    return [
      [
        `INSERT INTO "ConsentEvent" ("id", "subjectKind", "subjectId", "sequence", "purpose", "state",
           "source", "evidence", "occurredAt", "previousHash", "hash")
         VALUES ($1::uuid, 'CUSTOMER', $2::uuid, $3, 'MARKETING', 'GIVEN', 'PORTAL', '{}'::jsonb,
           $4::timestamptz, $5, $6)`,
        randomUUID(),
        id,
        fields.sequence,
        fields.occurredAt.toISOString(),
        newest.hash,
        chainHash(newest.hash, consentEventContent(fields)),
      ],
    ];
  },
};

const auditLog: History = {
  name: "audit log",
  title: "[P-12] audit log",
  table: "AccessRecord",
  chainWhere: `"principalId" = $1::uuid`,
  headTable: "AccessChainHead",
  headWhere: `"chain" = 'STAFF:' || $1`,
  // Hiding why data was read.
  rewrite: `"purpose" = 'LEGAL_OBLIGATION'`,
  chainKey: (id) => `STAFF:${id}`,
  append: (db, id, n) =>
    recordAccessEvents(db.prisma, [
      {
        subjectId: "0199a000-0000-7000-8000-00000000000a",
        principalKind: "STAFF",
        principalId: id,
        staffRole: "SUPPORT_AGENT",
        purpose: n % 2 === 0 ? "SUPPORT" : "MALFUNCTION_INVESTIGATION",
        reference: `T-${n}`,
        category: "user.contact.email",
        fieldPath: "customer.email",
        operationName: "Customer",
        requestId: randomUUID(),
      },
    ]),
  read: async (db, id) => (await findAccessEvents(db.prisma, { principalId: id })).length,
  verify: (db, id) => verifyAuditLog(db.prisma, { principalId: id }),
  forge: async (_db, id) => [
    [
      `INSERT INTO "AccessRecord" ("id", "chain", "sequence", "requestId", "principalKind",
         "principalId", "staffRole", "purpose", "reference", "operationName", "occurredAt",
         "subjectIds", "reads", "previousHash", "hash")
       SELECT gen_random_uuid(), "chain", "sequence" + 1, 'forged', "principalKind", "principalId",
         "staffRole", "purpose", "reference", "operationName", "occurredAt", "subjectIds", "reads",
         "hash", ''
       FROM "AccessRecord" WHERE "principalId" = $1::uuid ORDER BY "sequence" DESC LIMIT 1`,
      id,
    ],
    [
      `UPDATE "AccessRecord" r SET "hash" = "privet_access_record_hash"(r)
       WHERE "principalId" = $1::uuid AND "requestId" = 'forged'`,
      id,
    ],
  ],
};

const STAFF_ACTIONS = ["verifyPrivacyRequest", "fulfilPrivacyRequest", "publishPolicyVersion"];

const staffActionLog: History = {
  name: "staff action log",
  title: "staff action log",
  table: "StaffAction",
  chainWhere: `"staffUserId" = $1::uuid`,
  headTable: "StaffActionChainHead",
  headWhere: `"staffUserId" = $1::uuid`,
  // Hiding which request the staff member acted on.
  rewrite: `"arguments" = '{}'::jsonb`,
  chainKey: (id) => id,
  append: (db, id, n) =>
    db.prisma.staffAction.create({
      data: {
        requestId: randomUUID(),
        staffUserId: id,
        staffRole: "PRIVACY_OFFICER",
        action: STAFF_ACTIONS[n % STAFF_ACTIONS.length] ?? "verifyPrivacyRequest",
        arguments: { id: randomUUID() },
        outcome: "SUCCEEDED",
      },
    }),
  read: (db, id) => db.prisma.staffAction.count({ where: { staffUserId: id } }),
  verify: (db, id) => verifyStaffActionLog(db.prisma, { staffUserId: id }),
  forge: async (_db, id) => [
    [
      `INSERT INTO "StaffAction" ("id", "sequence", "previousHash", "hash", "requestId",
         "staffUserId", "staffRole", "action", "arguments", "outcome", "occurredAt")
       SELECT gen_random_uuid(), "sequence" + 1, "hash", '', 'forged', "staffUserId", "staffRole",
         'publishPolicyVersion', '{}'::jsonb, 'SUCCEEDED', "occurredAt"
       FROM "StaffAction" WHERE "staffUserId" = $1::uuid ORDER BY "sequence" DESC LIMIT 1`,
      id,
    ],
    [
      `UPDATE "StaffAction" a SET "hash" = "privet_staff_action_hash"(a)
       WHERE "staffUserId" = $1::uuid AND "requestId" = 'forged'`,
      id,
    ],
  ],
};

const HISTORIES = [consentLedger, auditLog, staffActionLog] as const;

/** What a superuser can do: switch every trigger off for one transaction, then write. */
async function asSuperuser(db: Database, statements: readonly Statement[]): Promise<void> {
  await db.prisma.$transaction([
    db.prisma.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
    ...statements.map(([sql, ...args]) => db.prisma.$executeRawUnsafe(sql, ...args)),
  ]);
}

interface Tamper {
  readonly what: string;
  statements(history: History, db: Database, id: string): Promise<Statement[]>;
  readonly problem: ChainProblem;
  /** Where the verifier must point (entries 1, 2, 3 before the tamper). */
  readonly sequence: number;
}

const TAMPERS: readonly Tamper[] = [
  {
    what: "alter a row's content",
    statements: async (h, _db, id) => [
      [`UPDATE "${h.table}" SET ${h.rewrite} WHERE ${h.chainWhere} AND "sequence" = 2`, id],
    ],
    problem: "HASH_MISMATCH",
    sequence: 2,
  },
  {
    what: "delete a middle row",
    statements: async (h, _db, id) => [
      [`DELETE FROM "${h.table}" WHERE ${h.chainWhere} AND "sequence" = 2`, id],
    ],
    problem: "SEQUENCE_GAP",
    sequence: 3,
  },
  {
    what: "delete the newest row",
    statements: async (h, _db, id) => [
      [`DELETE FROM "${h.table}" WHERE ${h.chainWhere} AND "sequence" = 3`, id],
    ],
    problem: "HEAD_MISMATCH",
    sequence: 2,
  },
  {
    // Rows 2 and 3 trade places, content, links and all (e.g. a withdrawal moved before the
    // consent it withdrew).
    what: "swap two rows",
    statements: async (h, _db, id) => [
      [`UPDATE "${h.table}" SET "sequence" = -2 WHERE ${h.chainWhere} AND "sequence" = 2`, id],
      [`UPDATE "${h.table}" SET "sequence" = 2 WHERE ${h.chainWhere} AND "sequence" = 3`, id],
      [`UPDATE "${h.table}" SET "sequence" = 3 WHERE ${h.chainWhere} AND "sequence" = -2`, id],
    ],
    problem: "PREVIOUS_HASH_MISMATCH",
    sequence: 2,
  },
  {
    what: "forge a new row behind the trigger's back",
    statements: (h, db, id) => h.forge(db, id),
    problem: "HEAD_MISMATCH",
    sequence: 4,
  },
];

/** The 15 cases, as rows of a table: [history, tamper, problem expected, …]. */
const CASES = HISTORIES.flatMap((history) =>
  TAMPERS.map((tamper) => [history.title, tamper.what, tamper.problem, history, tamper] as const),
);

describe.each(testDatabases)("tampering with the histories on $name", (kind) => {
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

  /** A new chain of three entries, verified intact. */
  async function chainOfThree(history: History): Promise<string> {
    const id = randomUUID();
    for (let n = 0; n < 3; n++) await history.append(db, id, n);
    expect(await history.verify(db, id)).toEqual({ ok: true, checked: 3 });
    return id;
  }

  describe("as a superuser with the triggers off, every tamper is found", () => {
    const detected = new Set<string>();

    it.each(CASES)("%s: %s → %s", async (_title, _what, _problem, history, tamper) => {
      const id = await chainOfThree(history);
      await asSuperuser(db, await tamper.statements(history, db, id));
      const verification = await history.verify(db, id);
      expect(verification).toMatchObject({
        ok: false,
        firstBroken: {
          chain: history.chainKey(id),
          sequence: tamper.sequence,
          problem: tamper.problem,
        },
      });
      detected.add(`${history.name}: ${tamper.what}`);
    });

    it(`found ${CASES.length} of ${CASES.length} tampers (3 histories × ${TAMPERS.length})`, () => {
      expect(CASES).toHaveLength(15);
      expect(detected.size).toBe(CASES.length);
    });
  });

  describe.each(HISTORIES.map((history) => [history.title, history] as const))(
    "%s: a deleted or rolled-back head",
    (_title, history) => {
      it("deleted as a superuser: reported at once; the next write rebuilds it, reads and writes go on, and the chain stays reported", async () => {
        const id = await chainOfThree(history);
        await asSuperuser(db, [
          [`DELETE FROM "${history.headTable}" WHERE ${history.headWhere}`, id],
        ]);
        expect(await history.verify(db, id)).toMatchObject({
          ok: false,
          firstBroken: { problem: "HEAD_MISSING", sequence: 3, chain: history.chainKey(id) },
        });

        await history.append(db, id, 3);
        await history.append(db, id, 4);
        expect(await history.read(db, id)).toBeGreaterThan(0);
        const rows = await db.prisma.$queryRawUnsafe<{ sequence: bigint }[]>(
          `SELECT "sequence" FROM "${history.table}" WHERE ${history.chainWhere} ORDER BY "sequence"`,
          id,
        );
        expect(rows.map((row) => row.sequence)).toEqual([1n, 2n, 3n, 4n, 5n]);
        const [head] = await db.prisma.$queryRawUnsafe<{ sequence: bigint; rebuiltAt: Date }[]>(
          `SELECT "sequence", "rebuiltAt" FROM "${history.headTable}" WHERE ${history.headWhere}`,
          id,
        );
        expect(head?.sequence).toBe(5n);
        expect(head?.rebuiltAt).toBeInstanceOf(Date);
        expect(await history.verify(db, id)).toMatchObject({
          ok: false,
          checked: 4,
          firstBroken: { problem: "HEAD_REBUILT", sequence: 5, chain: history.chainKey(id) },
        });
      });

      it("moved back to the start as a superuser: the next write does not collide, and the rebuild is reported", async () => {
        const id = await chainOfThree(history);
        await asSuperuser(db, [
          [
            `UPDATE "${history.headTable}" SET "sequence" = 0, "hash" = '' WHERE ${history.headWhere}`,
            id,
          ],
        ]);
        expect(await history.verify(db, id)).toMatchObject({
          ok: false,
          firstBroken: { problem: "HEAD_MISMATCH", sequence: 3 },
        });
        await history.append(db, id, 3);
        expect(await history.verify(db, id)).toMatchObject({
          ok: false,
          firstBroken: { problem: "HEAD_REBUILT", sequence: 4 },
        });
      });

      it("forged for a chain with no entries: reported", async () => {
        const id = randomUUID();
        const columns =
          history.headTable === "ConsentChainHead"
            ? [`"subjectKind", "subjectId"`, `'CUSTOMER', $1::uuid`]
            : history.headTable === "AccessChainHead"
              ? [`"chain"`, `'STAFF:' || $1`]
              : [`"staffUserId"`, `$1::uuid`];
        await asSuperuser(db, [
          [
            `INSERT INTO "${history.headTable}" (${columns[0]}, "sequence", "hash") VALUES (${columns[1]}, 7, 'x')`,
            id,
          ],
        ]);
        expect(await history.verify(db, id)).toMatchObject({
          ok: false,
          checked: 0,
          firstBroken: { problem: "HEAD_WITHOUT_ENTRIES", sequence: 7, eventId: "" },
        });
      });
    },
  );

  it("[P-12] a reader whose head was deleted keeps being audited under concurrent requests, in one unbroken run of sequences", async () => {
    const id = await chainOfThree(auditLog);
    await asSuperuser(db, [[`DELETE FROM "AccessChainHead" WHERE "chain" = 'STAFF:' || $1`, id]]);
    await Promise.all(Array.from({ length: 8 }, (_, n) => auditLog.append(db, id, n)));
    const records = await db.prisma.accessRecord.findMany({
      where: { principalId: id },
      orderBy: { sequence: "asc" },
    });
    expect(records.map((r) => r.sequence)).toEqual(
      Array.from({ length: 11 }, (_, i) => BigInt(i + 1)),
    );
    expect(await auditLog.verify(db, id)).toMatchObject({
      ok: false,
      firstBroken: { problem: "HEAD_REBUILT", sequence: 11 },
    });
  });

  describe("an ordinary client cannot rewrite the heads or the consent projection", () => {
    const TABLES = [
      ["ConsentChainHead", consentLedger],
      ["ConsentCurrent", consentLedger],
      ["AccessChainHead", auditLog],
      ["StaffActionChainHead", staffActionLog],
    ] as const;
    const WHERE: Record<(typeof TABLES)[number][0], string> = {
      ConsentChainHead: consentLedger.headWhere,
      ConsentCurrent: `"subjectKind" = 'CUSTOMER' AND "subjectId" = $1::uuid`,
      AccessChainHead: auditLog.headWhere,
      StaffActionChainHead: staffActionLog.headWhere,
    };
    const INSERT: Record<(typeof TABLES)[number][0], string> = {
      ConsentChainHead: `INSERT INTO "ConsentChainHead" ("subjectKind", "subjectId", "sequence", "hash") VALUES ('VISITOR', $1::uuid, 1, 'x')`,
      ConsentCurrent: `INSERT INTO "ConsentCurrent" ("subjectKind", "subjectId", "purpose", "state", "source", "eventId", "updatedAt") VALUES ('CUSTOMER', $1::uuid, 'PAYMENT', 'GIVEN', 'PORTAL', gen_random_uuid(), now())`,
      AccessChainHead: `INSERT INTO "AccessChainHead" ("chain", "sequence", "hash") VALUES ('PARTNER:' || $1, 1, 'x')`,
      StaffActionChainHead: `INSERT INTO "StaffActionChainHead" ("staffUserId", "sequence", "hash") VALUES (gen_random_uuid(), 1, $1)`,
    };
    const OPERATIONS = ["INSERT", "UPDATE", "DELETE", "TRUNCATE"] as const;
    const cases = TABLES.flatMap(([table, history]) =>
      OPERATIONS.map((operation) => [operation, table, history] as const),
    );

    it.each(cases)("%s on %s is refused", async (operation, table, history) => {
      const id = randomUUID();
      await history.append(db, id, 0);
      const set = table === "ConsentCurrent" ? `"state" = 'WITHDRAWN'` : `"sequence" = 0`;
      const sql = {
        INSERT: INSERT[table],
        UPDATE: `UPDATE "${table}" SET ${set} WHERE ${WHERE[table]}`,
        DELETE: `DELETE FROM "${table}" WHERE ${WHERE[table]}`,
        TRUNCATE: `TRUNCATE "${table}"`,
      }[operation];
      await expect(
        operation === "TRUNCATE"
          ? db.prisma.$executeRawUnsafe(sql)
          : db.prisma.$executeRawUnsafe(sql, id),
      ).rejects.toThrow(/only its chain's insert trigger writes it/);
      expect(await history.verify(db, id)).toEqual({ ok: true, checked: 1 });
    });
  });

  describe("[P-08] ConsentCurrent rewritten as a superuser is reported", () => {
    const REWRITES = [
      {
        what: "pointed back at an older event (with that event's state)",
        sql: `UPDATE "ConsentCurrent" c SET "eventId" = e."id", "state" = e."state",
                "source" = e."source", "updatedAt" = e."occurredAt"
              FROM "ConsentEvent" e
              WHERE c."subjectKind" = 'CUSTOMER' AND c."subjectId" = $1::uuid
                AND e."subjectKind" = 'CUSTOMER' AND e."subjectId" = $1::uuid AND e."sequence" = 1`,
        problem: "CURRENT_MISMATCH",
      },
      {
        what: "its state changed (withdrawn made given)",
        sql: `UPDATE "ConsentCurrent" SET "state" = 'GIVEN' WHERE "subjectKind" = 'CUSTOMER' AND "subjectId" = $1::uuid`,
        problem: "CURRENT_MISMATCH",
      },
      {
        what: "its row deleted",
        sql: `DELETE FROM "ConsentCurrent" WHERE "subjectKind" = 'CUSTOMER' AND "subjectId" = $1::uuid`,
        problem: "CURRENT_MISSING",
      },
      {
        what: "a row added for a purpose with no event",
        sql: `INSERT INTO "ConsentCurrent" ("subjectKind", "subjectId", "purpose", "state", "source", "eventId", "updatedAt")
              VALUES ('CUSTOMER', $1::uuid, 'REMARKETING', 'GIVEN', 'BANNER', gen_random_uuid(), now())`,
        problem: "CURRENT_MISMATCH",
      },
    ].map((rewrite) => [rewrite.what, rewrite.problem, rewrite.sql] as const);

    it.each(REWRITES)("%s → %s", async (_what, problem, sql) => {
      const id = randomUUID();
      // GIVEN, then WITHDRAWN: the projection says WITHDRAWN.
      await consentLedger.append(db, id, 0);
      await consentLedger.append(db, id, 1);
      expect(await consentLedger.verify(db, id)).toEqual({ ok: true, checked: 2 });
      await asSuperuser(db, [[sql, id]]);
      expect(await consentLedger.verify(db, id)).toMatchObject({
        ok: false,
        firstBroken: { chain: `CUSTOMER:${id}`, problem },
      });
    });
  });

  it("[P-08] a deleted newest consent event leaves the subject's consents recordable, and the gap reported", async () => {
    const id = await chainOfThree(consentLedger);
    await asSuperuser(db, [
      [`DELETE FROM "ConsentEvent" WHERE ${consentLedger.chainWhere} AND "sequence" = 3`, id],
    ]);
    const next = await appendConsentEvent(db.prisma, {
      subjectKind: "CUSTOMER",
      subjectId: id,
      purpose: "MARKETING",
      state: "WITHDRAWN",
      source: "EMAIL_LINK",
    });
    expect(next.sequence).toBe(4n);
    expect((await currentConsents(db.prisma, "CUSTOMER", [id])).get(id)).toEqual({
      MARKETING: "WITHDRAWN",
    });
    expect(await consentLedger.verify(db, id)).toMatchObject({
      ok: false,
      firstBroken: { problem: "SEQUENCE_GAP", sequence: 4 },
    });
  });
});
