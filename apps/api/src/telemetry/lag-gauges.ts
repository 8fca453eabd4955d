/**
 * The background work's lag, read from the database when the metrics are collected (every
 * export interval, not per request): how old the oldest email waiting in the outbox is, how
 * old the oldest webhook delivery (or event not yet fanned out) is, and how long ago each
 * history's hash chains were last sealed by the checkpoint job. Zero when nothing waits.
 * Reported by the one process that runs the background jobs (ServerOptions.runsBackgroundJobs).
 */
import type { BatchObservableCallback } from "@opentelemetry/api";
import type { PrismaClient } from "@privet/db/client";
import { activeInstruments } from "./instruments.js";

interface Age {
  readonly seconds: number | null;
}

/**
 * Starts observing; returns how to stop, which the server awaits before the database closes:
 * a collection still reading would otherwise hold the closing database (and the process) up.
 * Does nothing when off.
 */
export function observeBackgroundLag(prisma: PrismaClient): () => Promise<void> {
  const instruments = activeInstruments();
  if (!instruments) return async () => undefined;
  const { meter } = instruments;
  const outbox = meter.createObservableGauge("privet.outbox.lag", {
    description: "Age of the oldest email waiting in the outbox",
    unit: "s",
  });
  const webhooks = meter.createObservableGauge("privet.webhooks.lag", {
    description: "Age of the oldest webhook delivery or event waiting",
    unit: "s",
  });
  const checkpoints = meter.createObservableGauge("privet.checkpoint.age", {
    description: "Time since each history's hash chains were last sealed",
    unit: "s",
  });
  let stopped = false;
  let reading: Promise<unknown> = Promise.resolve();
  const observe: BatchObservableCallback = async (result) => {
    if (stopped) return;
    const read = readAges(prisma);
    reading = read.catch(() => undefined);
    const { email, webhook, seals } = await read;
    result.observe(outbox, Math.max(0, email?.seconds ?? 0));
    result.observe(webhooks, Math.max(0, webhook?.seconds ?? 0));
    for (const seal of seals)
      result.observe(checkpoints, Math.max(0, seal.seconds ?? 0), {
        "privet.history": seal.history,
      });
  };
  meter.addBatchObservableCallback(observe, [outbox, webhooks, checkpoints]);
  return async () => {
    stopped = true;
    meter.removeBatchObservableCallback(observe, [outbox, webhooks, checkpoints]);
    await reading;
  };
}

async function readAges(prisma: PrismaClient) {
  const [email] = await prisma.$queryRaw<Age[]>`
      SELECT EXTRACT(EPOCH FROM now() - min("createdAt"))::float8 AS seconds
      FROM "OutboxEmail" WHERE "status" = 'PENDING'`;
  const [webhook] = await prisma.$queryRaw<Age[]>`
      SELECT EXTRACT(EPOCH FROM now() - LEAST(
        (SELECT min("createdAt") FROM "WebhookDelivery" WHERE "status" = 'PENDING'),
        (SELECT min("occurredAt") FROM "WebhookEvent" WHERE "fannedOutAt" IS NULL)
      ))::float8 AS seconds`;
  const seals = await prisma.$queryRaw<Array<Age & { history: string }>>`
      SELECT "history", EXTRACT(EPOCH FROM now() - "sealedAt")::float8 AS seconds
      FROM "ChainCheckpointSeal"`;
  return { email, webhook, seals };
}
