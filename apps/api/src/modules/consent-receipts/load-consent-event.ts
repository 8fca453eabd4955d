/**
 * One event of a customer's consent ledger, by its id and the customer's: an event of anyone
 * else is not found, exactly as one that does not exist (the id alone opens nothing).
 */
import type { PrismaClient } from "@privet/db/client";
import type { ConsentPurpose } from "@privet/domain/consent";
import type { ConsentEventFacts } from "./consent-record.js";

export async function loadConsentEvent(
  prisma: PrismaClient,
  customerId: string,
  eventId: string,
): Promise<ConsentEventFacts | null> {
  const row = await prisma.consentEvent.findFirst({
    where: { id: eventId, subjectKind: "CUSTOMER", subjectId: customerId },
    select: {
      id: true,
      subjectId: true,
      sequence: true,
      hash: true,
      purpose: true,
      state: true,
      source: true,
      jurisdiction: true,
      occurredAt: true,
      policyVersion: { select: { id: true, version: true, effectiveAt: true } },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    customerId: row.subjectId,
    sequence: row.sequence.toString(),
    hash: row.hash,
    // The ledger records consent purposes only (setConsent takes nothing else).
    purpose: row.purpose as ConsentPurpose,
    state: row.state,
    source: row.source,
    jurisdiction: row.jurisdiction,
    occurredAt: row.occurredAt,
    policy: row.policyVersion,
  };
}
