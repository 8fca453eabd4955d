/**
 * The delivery worker the server runs when SMTP_URL is set: delivers the outbox at start and
 * then every DELIVERY_INTERVAL_MS. Without SMTP_URL it does nothing and mail stays in the
 * outbox (PENDING), shown to staff in the console.
 */
import type { PrismaClient } from "@privet/db/client";
import { logger } from "../../log/logger.js";
import { deliverPendingEmails } from "./deliver-pending-emails.js";
import { createMailTransport, type MailTransport } from "./mail-transport.js";

export const DELIVERY_INTERVAL_MS = 15_000;

export interface EmailDelivery {
  /** Stops the interval and waits for a run in progress; closes the transport. */
  stop(): Promise<void>;
}

export function startEmailDelivery(options: {
  readonly prisma: PrismaClient;
  readonly smtpUrl: string | null | undefined;
  /** The sender (config.mailFrom). */
  readonly mailFrom: string;
  readonly intervalMs?: number;
  /** Tests may pass their own transport. */
  readonly transport?: MailTransport;
}): EmailDelivery {
  if (!options.smtpUrl && !options.transport) return { stop: async () => undefined };
  const transport =
    options.transport ?? createMailTransport(options.smtpUrl as string, options.mailFrom);
  let current: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    current = deliverPendingEmails(options.prisma, transport)
      .catch((error: unknown) => {
        // The logger masks anything email-like; the error is the database's, not the mail's.
        logger.error("outbox delivery run failed", { error });
      })
      .finally(() => {
        current = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? DELIVERY_INTERVAL_MS);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
      transport.close();
    },
  };
}
