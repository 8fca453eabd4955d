/**
 * The fan-out: events not yet fanned out (claimed with FOR UPDATE SKIP LOCKED, so two
 * processes never fan out one event twice) become one PENDING delivery per live endpoint of
 * each recipient processor, each with that processor's body and a message id of its own,
 * and are stamped fannedOutAt — all in one transaction.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@privet/db/client";
import { webhookBody } from "./webhook-payload.js";
import { type OutboxEvent, recipientsOf } from "./webhook-recipients.js";

const BATCH_SIZE = 100;

/** Fans out every waiting event; returns how many deliveries were queued. */
export async function fanOutWebhookEvents(
  prisma: PrismaClient,
  hashKey: string,
  now: Date,
): Promise<number> {
  let queued = 0;
  for (;;) {
    const { events, deliveries } = await prisma.$transaction(async (tx) => {
      const events = await tx.$queryRaw<OutboxEvent[]>`
        SELECT "id"::text AS "id", "type", "customerId"::text AS "customerId",
          "purpose"::text AS "purpose", "processorId"::text AS "processorId", "details",
          "occurredAt"
        FROM "WebhookEvent" WHERE "fannedOutAt" IS NULL
        ORDER BY "occurredAt", "id" LIMIT ${BATCH_SIZE}
        FOR UPDATE SKIP LOCKED`;
      if (events.length === 0) return { events, deliveries: 0 };
      const recipients = await recipientsOf(tx, events);
      const processorIds = [...new Set([...recipients.values()].flatMap((to) => [...to]))];
      const endpoints = await tx.webhookEndpoint.findMany({
        where: { processorId: { in: processorIds }, disabledAt: null },
        select: { id: true, processorId: true },
      });
      const rows = events.flatMap((event) =>
        endpoints
          .filter((endpoint) => recipients.get(event.id)?.has(endpoint.processorId))
          .map((endpoint) => ({
            endpointId: endpoint.id,
            eventId: event.id,
            messageId: `msg_${randomUUID().replaceAll("-", "")}`,
            eventType: event.type,
            body: webhookBody(event, endpoint.processorId, hashKey),
            nextAttemptAt: now,
            createdAt: now,
          })),
      );
      if (rows.length > 0) await tx.webhookDelivery.createMany({ data: rows });
      await tx.webhookEvent.updateMany({
        where: { id: { in: events.map((e) => e.id) } },
        data: { fannedOutAt: now },
      });
      return { events, deliveries: rows.length };
    });
    queued += deliveries;
    if (events.length < BATCH_SIZE) return queued;
  }
}
