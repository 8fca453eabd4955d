/**
 * The consent ledger's only write path: append one event. Nothing updates or deletes an
 * event; a withdrawal is a new event.
 *
 * One statement does the whole append (appendStatement): it reads the chain's tip, inserts
 * the event continuing it with the hash of its canonical content, and returns what the
 * caller needs. The canonical content is made here in JavaScript (consent-event-content.ts,
 * canonicalJson), split around the sequence, which only the database knows when the
 * statement runs; SQL puts the sequence in and takes the SHA-256, so the hash is byte for
 * byte chainHash(previousHash, consentEventContent(event)) — what the verifier recomputes.
 *
 * The database's insert trigger ("ConsentEvent_chain") refuses an event that does not
 * continue its chain's head and advances the head under the head's row lock, and a second one
 * ("ConsentEvent_current") updates the ConsentCurrent projection, in the same statement.
 * So two writers of the same subject cannot fork a chain: the second to reach the head waits
 * for the first to commit, then is refused (or hits the unique (subject, sequence) index),
 * and appendConsentEvent sends its statement again, which then continues the new tip.
 */
import type { ConsentPurpose, ConsentSource, ConsentState } from "@privet/domain/consent";
import { canonicalJson } from "../chain/hash.js";
import { uuid7 } from "../chain/uuid7.js";
import type {
  ConsentEvent,
  ConsentSubjectKind,
  Jurisdiction,
  Prisma,
  PrismaClient,
} from "../generated/prisma/client.js";
import { prismaSqlReader, type SqlArg, type SqlReader } from "../sql-reader.js";
import { consentChainKey, consentEventContent } from "./consent-event-content.js";

export interface ConsentEventInput {
  readonly subjectKind: ConsentSubjectKind;
  readonly subjectId: string;
  readonly purpose: ConsentPurpose;
  readonly state: ConsentState;
  readonly source: ConsentSource;
  readonly policyVersionId?: string | null;
  readonly jurisdiction?: Jurisdiction | null;
  /** A keyed hash of the IP address (see keyedHash); never the address itself. */
  readonly ipHash?: string | null;
  /** Non-personal evidence of how the choice was made. */
  readonly evidence?: Prisma.InputJsonObject;
  readonly occurredAt?: Date;
}

/** An appended event, with the label of its policy version (read in the same statement). */
export type AppendedConsentEvent = ConsentEvent & { readonly policyVersion: string | null };

/** What the statement returns: the parts only the database knew. */
interface AppendedRow extends Record<string, unknown> {
  readonly sequence: string;
  readonly previousHash: string | null;
  readonly hash: string;
  readonly policyVersion: string | null;
}

/**
 * The link a new event continues, by the rule the insert trigger applies: the head, unless
 * events lie beyond it (the head was deleted, or moved back, by hand), then the newest event
 * (the trigger rebuilds the head from it and marks it rebuilt). A head ahead of the newest
 * event (that event deleted by hand) is continued: the gap stays for the verifier to report,
 * and the subject's consents can still be recorded. The hash is SHA-256 of the previous hash
 * (or "genesis"), a newline and the canonical content ($12 sequence $13), as chainHash.
 */
const APPEND_SQL = `WITH tip AS (
  SELECT COALESCE(n."sequence", h."sequence", 0) AS "sequence",
         COALESCE(n."hash", NULLIF(h."hash", '')) AS "hash"
  FROM (SELECT 1) AS one
  LEFT JOIN "ConsentChainHead" h
    ON h."subjectKind" = $2::"ConsentSubjectKind" AND h."subjectId" = $3::uuid
  LEFT JOIN LATERAL (
    SELECT e."sequence", e."hash" FROM "ConsentEvent" e
    WHERE e."subjectKind" = $2::"ConsentSubjectKind" AND e."subjectId" = $3::uuid
      AND e."sequence" > COALESCE(h."sequence", 0)
    ORDER BY e."sequence" DESC LIMIT 1
  ) n ON true
), inserted AS (
  INSERT INTO "ConsentEvent" ("id", "subjectKind", "subjectId", "sequence", "purpose", "state",
    "source", "policyVersionId", "jurisdiction", "ipHash", "evidence", "occurredAt",
    "previousHash", "hash")
  SELECT $1::uuid, $2::"ConsentSubjectKind", $3::uuid, tip."sequence" + 1, $4::"Purpose",
    $5::"ConsentState", $6::"ConsentSource", $7::uuid, $8::"Jurisdiction", $9::text,
    $10::jsonb, $11::timestamptz, tip."hash",
    encode(sha256(convert_to(COALESCE(tip."hash", 'genesis') || E'\\n' || $12::text
      || (tip."sequence" + 1)::text || $13::text, 'UTF8')), 'hex')
  FROM tip
  RETURNING "sequence", "previousHash", "hash", "policyVersionId"
)
SELECT i."sequence"::text AS "sequence", i."previousHash" AS "previousHash", i."hash" AS "hash",
  p."version" AS "policyVersion"
FROM inserted i LEFT JOIN "PolicyVersion" p ON p."id" = i."policyVersionId"`;

/** The event's fields as stored (without sequence and hashes), and the statement's arguments. */
function appendStatement(input: ConsentEventInput) {
  const fields = {
    id: uuid7(),
    subjectKind: input.subjectKind,
    subjectId: input.subjectId,
    purpose: input.purpose,
    state: input.state,
    source: input.source,
    policyVersionId: input.policyVersionId ?? null,
    jurisdiction: input.jurisdiction ?? null,
    ipHash: input.ipHash ?? null,
    evidence: input.evidence ?? {},
    // The column keeps milliseconds: hash what will be stored.
    occurredAt: new Date((input.occurredAt ?? new Date()).getTime()),
  };
  // The canonical content with a placeholder sequence, cut where the sequence goes. Keys are
  // sorted, and only enums and a uuid (source, state, subjectId, subjectKind) follow it, so
  // the last match is the sequence's own.
  const content = canonicalJson(consentEventContent({ ...fields, sequence: 0n }));
  const cut = content.lastIndexOf(',"sequence":0,"source":');
  if (cut < 0) throw new Error("the consent event's canonical content has no sequence to fill");
  const before = `${content.slice(0, cut)},"sequence":`;
  const after = content.slice(cut + ',"sequence":0'.length);
  const args: SqlArg[] = [
    fields.id,
    fields.subjectKind,
    fields.subjectId,
    fields.purpose,
    fields.state,
    fields.source,
    fields.policyVersionId,
    fields.jurisdiction,
    fields.ipHash,
    JSON.stringify(fields.evidence),
    fields.occurredAt.toISOString(),
    before,
    after,
  ];
  return { fields, args };
}

function appended(
  fields: ReturnType<typeof appendStatement>["fields"],
  row: AppendedRow | undefined,
): AppendedConsentEvent {
  if (!row) throw new Error("the consent event's insert returned no row");
  return {
    ...fields,
    evidence: fields.evidence as Prisma.JsonValue,
    sequence: BigInt(row.sequence),
    previousHash: row.previousHash,
    hash: row.hash,
    policyVersion: row.policyVersion,
  };
}

/**
 * Appends one event inside an open transaction (so callers can group it with other writes).
 * A transaction cannot send a refused statement again, so here writers of the same subject's
 * chain take turns instead, a new subject's too (whose head row does not exist yet to be
 * locked); the trigger's head lock and the unique (subject, sequence) index are the backstops.
 */
export async function appendConsentEventIn(
  tx: Prisma.TransactionClient,
  input: ConsentEventInput,
): Promise<AppendedConsentEvent> {
  const chain = consentChainKey(input);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`consent:${chain}`}, 0))`;
  const { fields, args } = appendStatement(input);
  const [row] = await tx.$queryRawUnsafe<AppendedRow[]>(APPEND_SQL, ...args);
  return appended(fields, row);
}

/** How many times a write that lost a race for its chain's tip is sent again. */
const ATTEMPTS = 50;

/**
 * PostgreSQL's answer when another writer of the same chain got there first: the trigger's
 * refusal (integrity_constraint_violation, or serialization_failure when a head could not be
 * locked) or the unique (subject, sequence) index. The driver adapter and the Prisma client
 * report these in different shapes; both carry the SQLSTATE or the adapter's kind.
 */
export function isLostRace(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): boolean => {
    if (value == null || typeof value !== "object" || depth > 4 || seen.has(value)) return false;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ["code", "originalCode", "kind"]) {
      const field = record[key];
      if (
        field === "23505" ||
        field === "23000" ||
        field === "40001" ||
        field === "UniqueConstraintViolation" ||
        field === "TransactionWriteConflict"
      ) {
        return true;
      }
    }
    return ["cause", "meta", "error"].some((key) => visit(record[key], depth + 1));
  };
  if (visit(error, 0)) return true;
  // The Prisma client's raw-query error keeps the database's code only in its message.
  const message = error instanceof Error ? error.message : "";
  return /\b(23505|23000|40001)\b|does not continue its chain|could not be locked/.test(message);
}

/**
 * Appends one event on its own: one statement, committed when it returns. A writer that lost
 * the race for its chain's tip sends the same event again (new tip, new hash): nothing is
 * acknowledged until the database has accepted it as the next link.
 */
export async function appendConsentEventWith(
  reader: SqlReader,
  input: ConsentEventInput,
): Promise<AppendedConsentEvent> {
  const { fields, args } = appendStatement(input);
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await reader.query<AppendedRow>(APPEND_SQL, args);
      return appended(fields, row);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isLostRace(error)) throw error;
      // A short random pause, so writers that collided do not collide again in step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 10)));
    }
  }
}

/** Appends one event in its own statement, through the Prisma client. */
export function appendConsentEvent(
  prisma: PrismaClient,
  input: ConsentEventInput,
): Promise<AppendedConsentEvent> {
  return appendConsentEventWith(prismaSqlReader(prisma), input);
}
