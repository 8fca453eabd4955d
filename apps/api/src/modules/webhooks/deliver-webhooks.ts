/**
 * Delivers the webhook outbox: every PENDING delivery whose time has come, signed with its
 * endpoint's secret (Standard Webhooks headers), POSTed with a timeout. A 2xx answer →
 * DELIVERED. Anything else → one more attempt counted, the kind of failure kept (never the
 * answer's body, which is the partner's), and the next attempt scheduled with backoff and
 * jitter; after MAX_ATTEMPTS the delivery is FAILED, for an administrator to replay.
 *
 * Several API processes may run this: each claims a batch with a lease (`claimedUntil`, taken
 * with FOR UPDATE SKIP LOCKED, so two processes never claim the same delivery). A process
 * that dies mid-batch leaves its claims to expire and the next run sends them again — at
 * least once: partners de-duplicate by `webhook-id`, which stays the same across retries.
 */
import type { PrismaClient } from "@privet/db/client";
import { fetch } from "undici";
import { logger } from "../../log/logger.js";
import { MAX_ATTEMPTS, retryDelayMs } from "./webhook-backoff.js";
import {
  PRIVATE_ADDRESS_CODE,
  type PrivateAddressPolicy,
  refusedDestination,
  webhookDispatcher,
} from "./webhook-destination.js";
import { openWebhookSecret, signWebhook } from "./webhook-secret.js";

/** Recorded on a delivery refused by the private-address policy. */
export const PRIVATE_ADDRESS_FAILURE =
  "The endpoint's address is on a private network: webhooks go only to public addresses.";

const BATCH_SIZE = 20;
export const REQUEST_TIMEOUT_MS = 10_000;
/** Far longer than a batch takes: its requests go out together, each within the timeout. */
const CLAIM_MS = 5 * 60_000;

export interface WebhookDeliveryOptions {
  readonly hashKey: string;
  /** The scheduling clock (nextAttemptAt); tests move it forward. */
  readonly now: Date;
  readonly maxAttempts?: number;
  readonly timeoutMs?: number;
  /** Whether private and loopback addresses may be reached (webhook-destination.ts). */
  readonly privateAddresses?: PrivateAddressPolicy;
}

export interface WebhookRunReport {
  readonly attempted: number;
  readonly delivered: number;
  readonly retrying: number;
  readonly failed: number;
}

interface ClaimedRow {
  readonly id: string;
  readonly messageId: string;
  readonly body: string;
  readonly attempts: number;
  readonly url: string;
  readonly sealedSecret: string;
}

type Outcome = { ok: true; status: number } | { ok: false; error: string; status: number | null };

export async function deliverPendingWebhooks(
  prisma: PrismaClient,
  options: WebhookDeliveryOptions,
): Promise<WebhookRunReport> {
  const report = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const seen = new Set<string>();
  for (;;) {
    const rows = (await claimBatch(prisma, options.now)).filter((row) => !seen.has(row.id));
    if (rows.length === 0) break;
    await Promise.all(
      rows.map(async (row) => {
        seen.add(row.id);
        report.attempted++;
        const outcome = await send(row, options);
        const result = await settle(prisma, row, outcome, options);
        report[result]++;
      }),
    );
    if (rows.length < BATCH_SIZE) break;
  }
  return report;
}

/** Claims deliveries whose time has come and that no other run holds; locked rows are skipped. */
async function claimBatch(prisma: PrismaClient, now: Date): Promise<ClaimedRow[]> {
  return prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "WebhookDelivery" d SET "claimedUntil" = ${new Date(now.getTime() + CLAIM_MS)}
    FROM "WebhookEndpoint" e
    WHERE e."id" = d."endpointId" AND d."id" IN (
      SELECT "id" FROM "WebhookDelivery"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now}
        AND ("claimedUntil" IS NULL OR "claimedUntil" <= ${now})
      ORDER BY "nextAttemptAt", "id"
      LIMIT ${BATCH_SIZE}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING d."id"::text AS "id", d."messageId", d."body", d."attempts", e."url",
      e."sealedSecret"`;
}

async function send(row: ClaimedRow, options: WebhookDeliveryOptions): Promise<Outcome> {
  const secret = openWebhookSecret(row.sealedSecret, options.hashKey);
  if (!secret) return { ok: false, error: "The endpoint's secret cannot be read.", status: null };
  // The header carries the real time of sending, which receivers compare with their clock.
  const timestamp = Math.floor(Date.now() / 1000);
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const policy = options.privateAddresses ?? "refuse";
  if (refusedDestination(row.url, policy)) {
    return { ok: false, error: PRIVATE_ADDRESS_FAILURE, status: null };
  }
  try {
    const response = await fetch(row.url, {
      dispatcher: webhookDispatcher(policy),
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "Privet-Webhooks/1",
        "webhook-id": row.messageId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook(secret, row.messageId, timestamp, row.body),
      },
      body: row.body,
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300)
      return { ok: true, status: response.status };
    return {
      ok: false,
      error: `The endpoint answered HTTP ${response.status}.`,
      status: response.status,
    };
  } catch (error) {
    return { ok: false, error: describeFailure(error, timeoutMs), status: null };
  }
}

async function settle(
  prisma: PrismaClient,
  row: ClaimedRow,
  outcome: Outcome,
  options: WebhookDeliveryOptions,
): Promise<"delivered" | "retrying" | "failed"> {
  const attempts = row.attempts + 1;
  const at = options.now;
  if (outcome.ok) {
    await prisma.webhookDelivery.updateMany({
      where: { id: row.id, status: "PENDING" },
      data: {
        status: "DELIVERED",
        attempts,
        deliveredAt: at,
        lastAttemptAt: at,
        lastStatusCode: outcome.status,
        lastError: null,
        claimedUntil: null,
      },
    });
    return "delivered";
  }
  const gaveUp = attempts >= (options.maxAttempts ?? MAX_ATTEMPTS);
  await prisma.webhookDelivery.updateMany({
    where: { id: row.id, status: "PENDING" },
    data: {
      status: gaveUp ? "FAILED" : "PENDING",
      attempts,
      lastAttemptAt: at,
      lastStatusCode: outcome.status,
      lastError: outcome.error,
      nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempts)),
      claimedUntil: null,
    },
  });
  // The delivery's id and the kind of failure only: never the URL, the body or the answer.
  logger.warn("webhook delivery failed", { deliveryId: row.id, lastError: outcome.error, gaveUp });
  return gaveUp ? "failed" : "retrying";
}

/** What went wrong, in words that hold nothing of the partner's answer. */
export function describeFailure(error: unknown, timeoutMs: number): string {
  const e = (error ?? {}) as { name?: unknown; cause?: { code?: unknown } };
  if (e.name === "TimeoutError" || e.name === "AbortError") {
    return `No answer within ${Math.round(timeoutMs / 1000)} seconds.`;
  }
  const code = typeof e.cause?.code === "string" ? e.cause.code : "";
  if (code === PRIVATE_ADDRESS_CODE) return PRIVATE_ADDRESS_FAILURE;
  if (code === "ECONNREFUSED") return "The connection was refused.";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "The connection was cut.";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "The host name does not resolve.";
  if (/CERT|SSL|TLS/.test(code)) return "The TLS certificate was not accepted.";
  return "The request failed.";
}
