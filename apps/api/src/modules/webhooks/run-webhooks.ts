/**
 * One run of the webhook outbox: announce agreements lapsing or lapsed, fan out the events
 * waiting, deliver what is due. Runs in one process are serialised (the interval job and an
 * administrator's "deliver now"); across processes the row locks and leases keep them apart.
 */
import type { PrismaClient } from "@privet/db/client";
import { enqueueAgreementLapses } from "./agreement-lapse-events.js";
import { deliverPendingWebhooks, type WebhookRunReport } from "./deliver-webhooks.js";
import { fanOutWebhookEvents } from "./fan-out-webhook-events.js";
import type { PrivateAddressPolicy } from "./webhook-destination.js";

export interface WebhookRunOptions {
  readonly hashKey: string;
  readonly now: Date;
  readonly maxAttempts?: number;
  readonly privateAddresses: PrivateAddressPolicy;
}

export interface WebhookRun extends WebhookRunReport {
  readonly queued: number;
}

const running = new WeakMap<object, Promise<unknown>>();

export async function runWebhooks(
  prisma: PrismaClient,
  options: WebhookRunOptions,
): Promise<WebhookRun> {
  const previous = running.get(prisma) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => runOnce(prisma, options));
  running.set(prisma, run);
  try {
    return await run;
  } finally {
    if (running.get(prisma) === run) running.delete(prisma);
  }
}

async function runOnce(prisma: PrismaClient, options: WebhookRunOptions): Promise<WebhookRun> {
  await enqueueAgreementLapses(prisma, options.now);
  const queued = await fanOutWebhookEvents(prisma, options.hashKey, options.now);
  const report = await deliverPendingWebhooks(prisma, options);
  return { queued, ...report };
}
