/**
 * The body one processor receives for one event (Standard Webhooks' shape: type, timestamp,
 * data). It carries only what the agreement covers: the processor's own pseudonym for the
 * person (the id it already sees as PartnerSubject.id), the purpose, an agreement's reference
 * and dates, a key's prefix — never the customer's id, name or email.
 */
import { subjectPseudonym } from "../partners/public.js";
import type { OutboxEvent } from "./webhook-recipients.js";

export function webhookBody(event: OutboxEvent, processorId: string, hashKey: string): string {
  const details = (event.details ?? {}) as Record<string, unknown>;
  const subject = event.customerId
    ? { subject: subjectPseudonym(processorId, event.customerId, hashKey) }
    : {};
  const data: Record<string, unknown> = { ...subject };
  if (event.purpose) data.purpose = event.purpose;
  switch (event.type) {
    case "agreement.lapsing":
    case "agreement.lapsed":
      data.agreement = details.reference;
      data.validUntil = details.validUntil;
      if (details.endedAt) data.endedAt = details.endedAt;
      break;
    case "api_key.revoked":
      data.apiKeyId = details.apiKeyId;
      data.keyPrefix = details.keyPrefix;
      break;
  }
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data });
}
