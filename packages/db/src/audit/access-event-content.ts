import type { AccessEvent } from "../generated/prisma/client.js";

/** Exactly what an audit event's hash covers (shared by the write path and the verifier). */
export function accessEventContent(
  event: Omit<AccessEvent, "id" | "previousHash" | "hash">,
): Record<string, unknown> {
  return {
    subjectId: event.subjectId,
    sequence: event.sequence,
    // Added after the first release: covered only when it says something, so rows written
    // before the column existed still verify.
    ...(event.outcome === "DENIED" ? { outcome: event.outcome, denyReason: event.denyReason } : {}),
    principalKind: event.principalKind,
    principalId: event.principalId,
    staffRole: event.staffRole,
    purpose: event.purpose,
    reference: event.reference,
    category: event.category,
    fieldPath: event.fieldPath,
    operationName: event.operationName,
    requestId: event.requestId,
    breakGlassId: event.breakGlassId,
    legalRequestId: event.legalRequestId,
    occurredAt: event.occurredAt.toISOString(),
  };
}
