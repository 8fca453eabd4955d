/**
 * The consent ledger is hashed in JavaScript (canonical JSON) and verified in SQL
 * ("privet_consent_event_hash"): both must produce the same bytes for any evidence the
 * writer accepts, or a verification would report an untouched ledger broken.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../chain/hash.js";
import { type Database, openDatabase } from "../client.js";
import type { Prisma } from "../generated/prisma/client.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import { consentEventContent } from "./consent-event-content.js";
import { appendConsentEvent, verifyConsentLedger } from "./index.js";

/** Evidence that trips a naive JSON writer: key order, numbers, escapes, nesting. */
const awkwardEvidence: Prisma.InputJsonObject[] = [
  {},
  { form: "banner", version: 3 },
  { b: 1, a: 2, B: 3, _: 4, "": 5 },
  { "10": "ten", "9": "nine", "01": "not an index", a: { z: [3, 2, { y: null, x: true }] } },
  { small: 1.5e-7, large: 1e21, huge: 1.2345e25, fraction: 0.1, negative: -42.5, zero: 0 },
  { quote: 'say "hi"', slash: "a\\b/c", control: "tab\tline\nbell\u0007", unicode: "é 日本 😀" },
  { list: [], nested: { empty: {}, deeper: { list: ["x", 1, false, null] } } },
  { 4294967294: "largest index", 4294967295: "not an index" },
];

describe.each(testDatabases)("the consent ledger's hash in SQL on $name", (kind) => {
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

  it.each(awkwardEvidence.map((evidence) => [JSON.stringify(evidence), evidence] as const))(
    "recomputes the writer's content and hash for evidence %s",
    async (_, evidence) => {
      const subject = { subjectKind: "CUSTOMER" as const, subjectId: randomUUID() };
      const event = await appendConsentEvent(db.prisma, {
        ...subject,
        purpose: "MARKETING",
        state: "GIVEN",
        source: "BANNER",
        jurisdiction: "GDPR",
        ipHash: 'ab"cd',
        evidence,
      });
      const [row] = await db.prisma.$queryRaw<{ content: string; hash: string }[]>`
        SELECT "privet_consent_event_content"(e) AS "content", "privet_consent_event_hash"(e) AS "hash"
        FROM "ConsentEvent" e WHERE e."id" = ${event.id}::uuid`;
      expect(row?.content).toBe(canonicalJson(consentEventContent(event)));
      expect(row?.hash).toBe(event.hash);
      expect(await verifyConsentLedger(db.prisma, subject)).toEqual({ ok: true, checked: 1 });
    },
  );

  it("[P-08] reports evidence rewritten as a superuser, with the hash left as it was", async () => {
    const subject = { subjectKind: "CUSTOMER" as const, subjectId: randomUUID() };
    for (const state of ["GIVEN", "WITHDRAWN"] as const) {
      await appendConsentEvent(db.prisma, {
        ...subject,
        purpose: "MARKETING",
        state,
        source: "PORTAL",
        evidence: { banner: "v1" },
      });
    }
    await db.prisma.$transaction([
      db.prisma.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`),
      db.prisma.$executeRawUnsafe(
        `UPDATE "ConsentEvent" SET "evidence" = '{"banner":"v2"}' WHERE "subjectId" = $1::uuid AND "sequence" = 1`,
        subject.subjectId,
      ),
    ]);
    expect(await verifyConsentLedger(db.prisma, subject)).toMatchObject({
      ok: false,
      checked: 0,
      firstBroken: {
        chain: `CUSTOMER:${subject.subjectId}`,
        sequence: 1,
        problem: "HASH_MISMATCH",
      },
    });
  });
});
