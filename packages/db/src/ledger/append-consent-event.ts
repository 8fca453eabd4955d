/**
 * The consent ledger's only write path: append one event. Nothing updates or deletes an
 * event; a withdrawal is a new event. The hash is computed here (canonical JSON of the
 * event); the database's insert trigger ("ConsentEvent_chain") refuses an event that does
 * not continue its chain's head and advances the head, and a second one
 * ("ConsentEvent_current") updates the ConsentCurrent projection, all in the same statement.
 */
import type { ConsentPurpose, ConsentSource, ConsentState } from "@privet/domain/consent";
import { chainHash } from "../chain/hash.js";
import type {
  ConsentEvent,
  ConsentSubjectKind,
  Jurisdiction,
  Prisma,
  PrismaClient,
} from "../generated/prisma/client.js";
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

/** Appends one event inside an open transaction (so callers can group it with other writes). */
export async function appendConsentEventIn(
  tx: Prisma.TransactionClient,
  input: ConsentEventInput,
): Promise<ConsentEvent> {
  const chain = consentChainKey(input);
  // Serialises writers of the same subject's chain, a new subject's too (whose head row does
  // not exist yet to be locked); the trigger's head lock and the unique (subject, sequence)
  // index are the backstops.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`consent:${chain}`}, 0))`;

  const last = await chainTip(tx, input.subjectKind, input.subjectId);
  const fields = {
    subjectKind: input.subjectKind,
    subjectId: input.subjectId,
    sequence: (last?.sequence ?? 0n) + 1n,
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
  const previousHash = last?.hash ?? null;
  const hash = chainHash(previousHash, consentEventContent(fields));
  return tx.consentEvent.create({ data: { ...fields, previousHash, hash } });
}

/**
 * The link a new event continues, by the rule the insert trigger applies: the head, unless
 * events lie beyond it (the head was deleted, or moved back, by hand), then the newest event
 * (the trigger rebuilds the head from it and marks it rebuilt). A head ahead of the newest
 * event (that event deleted by hand) is continued: the gap stays for the verifier to report,
 * and the subject's consents can still be recorded.
 */
async function chainTip(
  tx: Prisma.TransactionClient,
  subjectKind: ConsentSubjectKind,
  subjectId: string,
): Promise<{ sequence: bigint; hash: string | null } | null> {
  const [tip] = await tx.$queryRaw<{ sequence: bigint; hash: string | null }[]>`
    SELECT COALESCE(n."sequence", h."sequence") AS "sequence",
           COALESCE(n."hash", NULLIF(h."hash", '')) AS "hash"
    FROM (SELECT 1) AS one
    LEFT JOIN "ConsentChainHead" h
      ON h."subjectKind" = ${subjectKind}::"ConsentSubjectKind" AND h."subjectId" = ${subjectId}::uuid
    LEFT JOIN LATERAL (
      SELECT e."sequence", e."hash" FROM "ConsentEvent" e
      WHERE e."subjectKind" = ${subjectKind}::"ConsentSubjectKind" AND e."subjectId" = ${subjectId}::uuid
        AND e."sequence" > COALESCE(h."sequence", 0)
      ORDER BY e."sequence" DESC LIMIT 1
    ) n ON true`;
  return tip?.sequence == null ? null : { sequence: BigInt(tip.sequence), hash: tip.hash };
}

/** Appends one event in its own transaction. */
export function appendConsentEvent(
  prisma: PrismaClient,
  input: ConsentEventInput,
): Promise<ConsentEvent> {
  return prisma.$transaction((tx) => appendConsentEventIn(tx, input));
}
