/**
 * The events processors are told of, and the one way any module records one: a row in the
 * webhook outbox (WebhookEvent), written with the caller's transaction client so the event
 * commits or rolls back with the change it reports (the outbox pattern). Nothing is sent
 * here: the fan-out (fan-out-webhook-events.ts) turns each event into signed deliveries.
 *
 * Consent events are the exception: the database writes them, in the same statement as the
 * ledger's append of a customer's event (the trigger in the webhooks migration), so every
 * path that changes a customer's consent is covered and the consent write stays one statement.
 *
 * The names are a contract with partners (docs/partners.md, the partner client's
 * verifyWebhook): never rename one.
 */
import type { Prisma } from "@privet/db/client";

export const WEBHOOK_EVENT_TYPES = [
  "consent.given",
  "consent.withdrawn",
  "subject.erased",
  "subject.corrected",
  "agreement.lapsing",
  "agreement.lapsed",
  "api_key.revoked",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What a module reports. A customer's id stays in the outbox; partners get a pseudonym. */
export type WebhookEventInput =
  | {
      readonly type: "subject.erased" | "subject.corrected";
      readonly customerId: string;
      readonly occurredAt: Date;
    }
  | {
      readonly type: "api_key.revoked";
      readonly processorId: string;
      readonly apiKeyId: string;
      readonly keyPrefix: string;
      readonly occurredAt: Date;
    };

type OutboxWriter = Pick<Prisma.TransactionClient, "webhookEvent">;

/** Records events for processors in the caller's transaction (or as one statement). */
export async function enqueueWebhookEvents(
  tx: OutboxWriter,
  events: readonly WebhookEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.webhookEvent.createMany({ data: events.map(toRow) });
}

function toRow(event: WebhookEventInput): Prisma.WebhookEventCreateManyInput {
  switch (event.type) {
    case "subject.erased":
    case "subject.corrected":
      return { type: event.type, customerId: event.customerId, occurredAt: event.occurredAt };
    case "api_key.revoked":
      return {
        type: event.type,
        processorId: event.processorId,
        details: { apiKeyId: event.apiKeyId, keyPrefix: event.keyPrefix },
        occurredAt: event.occurredAt,
      };
  }
}
