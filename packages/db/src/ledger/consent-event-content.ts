import type { ConsentEvent } from "../generated/prisma/client.js";

/**
 * Exactly what a consent event's hash covers. Written once here so that the write path and
 * the verifier cannot disagree.
 */
type HashedFields = Omit<
  Pick<
    ConsentEvent,
    | "subjectKind"
    | "subjectId"
    | "sequence"
    | "purpose"
    | "state"
    | "source"
    | "policyVersionId"
    | "jurisdiction"
    | "ipHash"
    | "evidence"
    | "occurredAt"
  >,
  "evidence"
> & { readonly evidence: unknown };

export function consentEventContent(event: HashedFields): Record<string, unknown> {
  return {
    subjectKind: event.subjectKind,
    subjectId: event.subjectId,
    sequence: event.sequence,
    purpose: event.purpose,
    state: event.state,
    source: event.source,
    policyVersionId: event.policyVersionId,
    jurisdiction: event.jurisdiction,
    ipHash: event.ipHash,
    evidence: event.evidence,
    occurredAt: event.occurredAt.toISOString(),
  };
}

export function consentChainKey(event: Pick<ConsentEvent, "subjectKind" | "subjectId">): string {
  return `${event.subjectKind}:${event.subjectId}`;
}
