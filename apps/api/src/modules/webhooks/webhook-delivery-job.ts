/**
 * The background job that runs the webhook outbox every WEBHOOK_INTERVAL_MS in the process
 * that runs the background jobs (as email-delivery.ts does for mail). Deliveries wait at most
 * one interval after their change commits; a partner that needs fresher data reads it.
 */
import type { PrismaClient } from "@privet/db/client";
import { logger } from "../../log/logger.js";
import { runWebhooks } from "./run-webhooks.js";
import type { PrivateAddressPolicy } from "./webhook-destination.js";

export const WEBHOOK_INTERVAL_MS = 10_000;

export interface WebhookDeliveryJob {
  stop(): Promise<void>;
}

export function startWebhookDelivery(options: {
  readonly prisma: PrismaClient;
  readonly hashKey: string;
  readonly privateAddresses: PrivateAddressPolicy;
  readonly enabled: boolean;
  readonly clock?: () => Date;
  readonly intervalMs?: number;
}): WebhookDeliveryJob {
  if (!options.enabled) return { stop: async () => undefined };
  const clock = options.clock ?? (() => new Date());
  let current: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    current = runWebhooks(options.prisma, {
      hashKey: options.hashKey,
      privateAddresses: options.privateAddresses,
      now: clock(),
    })
      .then((run) => {
        if (run.attempted > 0) logger.info("webhooks delivered", { ...run });
      })
      .catch((error: unknown) => {
        logger.error("webhook run failed", { error });
      })
      .finally(() => {
        current = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? WEBHOOK_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
