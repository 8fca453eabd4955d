/**
 * A subject's current consents, read from the ledger's projection (ConsentCurrent, written by
 * the ledger's trigger in the same transaction as each event) through a per-request loader:
 * a request that asks several times (the privacy signals, then a resolver) reads once, and
 * lists of customers read in one statement.
 */
import type { ConsentPurpose, ConsentSource, ConsentState } from "@privet/domain/consent";
import type { Context } from "../../context/context.js";

export type SubjectKind = "CUSTOMER" | "VISITOR";

/** One row of the projection: the latest event's state for one purpose. */
export interface CurrentConsent {
  readonly purpose: ConsentPurpose;
  readonly state: ConsentState;
  readonly source: ConsentSource;
  readonly policyVersionId: string | null;
  /** The policy version's label ("2018-11-02"), read in the same statement. */
  readonly policyVersion: string | null;
  readonly updatedAt: Date;
}

export type CurrentConsents = ReadonlyMap<ConsentPurpose, CurrentConsent>;

/** A projection row as SQL returns it (times may come as text through json). */
export interface CurrentConsentRow {
  readonly purpose: string;
  readonly state: string;
  readonly source: string;
  readonly policyVersionId: string | null;
  readonly policyVersion: string | null;
  readonly updatedAt: Date | string;
}

/**
 * One projection row with its policy version's label ("given under policy 2018-11-02" costs
 * no second statement), as json_build_object's arguments: a row comes back as one JSON text
 * (times with their offset), so every reader — the driver's or the Prisma client's — returns
 * the same value, and a subject's rows can be aggregated into one column (request-visitor.ts).
 */
export const CURRENT_CONSENT_JSON = `'purpose', cc."purpose", 'state', cc."state",
  'source', cc."source", 'policyVersionId', cc."policyVersionId", 'policyVersion', p."version",
  'updatedAt', cc."updatedAt"`;

export function toCurrentConsent(row: CurrentConsentRow): CurrentConsent {
  return {
    purpose: row.purpose as ConsentPurpose,
    state: row.state as ConsentState,
    source: row.source as ConsentSource,
    policyVersionId: row.policyVersionId,
    policyVersion: row.policyVersion,
    updatedAt: row.updatedAt instanceof Date ? row.updatedAt : new Date(row.updatedAt),
  };
}

const key = (kind: SubjectKind, id: string) => `${kind}:${id}`;

/**
 * Per request, never across requests: a consent read is answered from the database every
 * time, so a write committed by any process is seen by the next request of every process.
 */
function currentLoader(context: Context) {
  return context.loaders.get<string, CurrentConsents>("consentCurrentBySubject", async (keys) => {
    const kinds: string[] = [];
    const ids: string[] = [];
    for (const k of keys) {
      const [kind = "", id = ""] = k.split(":");
      kinds.push(kind);
      ids.push(id);
    }
    // One statement by the primary key (subjectKind, subjectId, purpose), labels joined, sent
    // through the SQL reader: every consent read of the banner, the portal and the partners
    // runs it, and the Prisma client's per-statement work cost more CPU than the statement
    // (bench/RESULTS.md, "Issue 12, consent reads"). One subject (nearly every request) by
    // plain equality, several through unnest.
    const rows = await context.reader.query<{ key: string; consent: string }>(
      keys.length === 1
        ? `SELECT $1::text || ':' || $2::text AS "key", json_build_object(${CURRENT_CONSENT_JSON})::text AS "consent"
          FROM "ConsentCurrent" cc LEFT JOIN "PolicyVersion" p ON p."id" = cc."policyVersionId"
          WHERE cc."subjectKind" = $1::text::"ConsentSubjectKind" AND cc."subjectId" = $2::uuid`
        : `SELECT cc."subjectKind"::text || ':' || cc."subjectId"::text AS "key",
            json_build_object(${CURRENT_CONSENT_JSON})::text AS "consent"
          FROM unnest($1::text[], $2::uuid[]) AS wanted(kind, id)
          JOIN "ConsentCurrent" cc
            ON cc."subjectKind" = wanted.kind::"ConsentSubjectKind" AND cc."subjectId" = wanted.id
          LEFT JOIN "PolicyVersion" p ON p."id" = cc."policyVersionId"`,
      keys.length === 1 ? [kinds[0] ?? "", ids[0] ?? ""] : [kinds, ids],
    );
    const found = new Map<string, Map<ConsentPurpose, CurrentConsent>>();
    for (const row of rows) {
      const consent = toCurrentConsent(JSON.parse(row.consent) as CurrentConsentRow);
      const map = found.get(row.key) ?? new Map();
      map.set(consent.purpose, consent);
      found.set(row.key, map);
    }
    return keys.map((k) => found.get(k) ?? new Map());
  });
}

/**
 * Hands the loader a subject's consents read in another statement of this request (the
 * visitor's, read with the visitor row), so they are not read twice.
 */
export function primeConsentsOf(
  context: Context,
  subject: { readonly kind: SubjectKind; readonly id: string },
  rows: readonly CurrentConsentRow[],
): void {
  const consents = new Map(
    rows.map((row) => [row.purpose as ConsentPurpose, toCurrentConsent(row)]),
  );
  currentLoader(context).prime(key(subject.kind, subject.id), consents);
}

/**
 * Hands the loader a subject's consents as this request has just written them (a write
 * returns the event it appended), so answering the write reads nothing back.
 */
export function rememberConsentsOf(
  context: Context,
  subject: { readonly kind: SubjectKind; readonly id: string },
  consents: CurrentConsents,
): void {
  const loader = currentLoader(context);
  loader.clear(key(subject.kind, subject.id)).prime(key(subject.kind, subject.id), consents);
}

/** A subject's current consents, purpose by purpose (absent = never asked). */
export function currentConsentsOf(
  context: Context,
  subject: { readonly kind: SubjectKind; readonly id: string },
): Promise<CurrentConsents> {
  return currentLoader(context).load(key(subject.kind, subject.id));
}

/** Forgets a subject's cached consents after a write, so later reads see the new state. */
export function forgetConsentsOf(
  context: Context,
  subject: { readonly kind: SubjectKind; readonly id: string },
): void {
  currentLoader(context).clear(key(subject.kind, subject.id));
}
