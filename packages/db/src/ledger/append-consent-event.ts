/**
 * The consent ledger's only write path: append one event and update the current-state
 * projection in the same transaction. Nothing updates or deletes an event; a withdrawal is a
 * new event.
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
  // Serialises writers of the same subject's chain; the unique (subject, sequence) index is
  // the backstop if a writer ever skips this lock.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`consent:${chain}`}, 0))`;

  const last = await tx.consentEvent.findFirst({
    where: { subjectKind: input.subjectKind, subjectId: input.subjectId },
    orderBy: { sequence: "desc" },
    select: { sequence: true, hash: true },
  });

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

  const event = await tx.consentEvent.create({ data: { ...fields, previousHash, hash } });

  const projection = {
    state: event.state,
    source: event.source,
    eventId: event.id,
    policyVersionId: event.policyVersionId,
    updatedAt: event.occurredAt,
  };
  await tx.consentCurrent.upsert({
    where: {
      subjectKind_subjectId_purpose: {
        subjectKind: event.subjectKind,
        subjectId: event.subjectId,
        purpose: event.purpose,
      },
    },
    create: {
      subjectKind: event.subjectKind,
      subjectId: event.subjectId,
      purpose: event.purpose,
      ...projection,
    },
    update: projection,
  });
  return event;
}

/** Appends one event in its own transaction. */
export function appendConsentEvent(
  prisma: PrismaClient,
  input: ConsentEventInput,
): Promise<ConsentEvent> {
  return prisma.$transaction((tx) => appendConsentEventIn(tx, input));
}
