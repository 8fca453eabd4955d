/**
 * Delivers the outbox: every PENDING email, oldest first, through the SMTP transport. Accepted
 * by the server → SENT with sentAt. Refused or unreachable → one more attempt counted and a
 * lastError that names only the kind of failure (an SMTP reply text often quotes the address,
 * so it is never kept); after MAX_ATTEMPTS the email is FAILED and left for staff to see.
 *
 * Several API processes may deliver the same outbox: each run claims a batch with a lease
 * (`claimedUntil`, taken with FOR UPDATE SKIP LOCKED, so two processes never claim the same
 * email) and clears it when the email is sent or given up. A process that dies mid-batch
 * leaves its claims to expire; the next run delivers those emails (at least once: one sent
 * just before the crash may go twice). In one process, runs are also serialised (the
 * interval worker and the staff's "deliver now").
 */
import { Prisma, type PrismaClient } from "@privet/db/client";
import { logger } from "../../log/logger.js";
import type { MailTransport } from "./mail-transport.js";

export const MAX_ATTEMPTS = 5;
const BATCH_SIZE = 100;
/** How long a claim lasts: far longer than one batch takes to send. */
export const CLAIM_MS = 5 * 60_000;

export interface DeliveryReport {
  /** False when no SMTP_URL is set: nothing was sent and the outbox keeps every email. */
  readonly configured: boolean;
  readonly attempted: number;
  readonly sent: number;
  /** Failed this time, still PENDING for a later attempt. */
  readonly retrying: number;
  /** Failed for the last time: now FAILED. */
  readonly failed: number;
}

const NOT_CONFIGURED: DeliveryReport = {
  configured: false,
  attempted: 0,
  sent: 0,
  retrying: 0,
  failed: 0,
};

interface PendingRow {
  readonly id: string;
  readonly kind: string;
  readonly toAddress: string;
  readonly subject: string;
  readonly textBody: string;
  readonly headers: unknown;
  readonly attempts: number;
  readonly createdAt: Date;
}

const running = new WeakMap<object, Promise<unknown>>();

export async function deliverPendingEmails(
  prisma: PrismaClient,
  transport: MailTransport | null,
  options: { readonly maxAttempts?: number; readonly batchSize?: number } = {},
): Promise<DeliveryReport> {
  if (!transport) return NOT_CONFIGURED;
  const previous = running.get(prisma) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => deliverAll(prisma, transport, options));
  running.set(prisma, run);
  try {
    return await run;
  } finally {
    if (running.get(prisma) === run) running.delete(prisma);
  }
}

async function deliverAll(
  prisma: PrismaClient,
  transport: MailTransport,
  options: { readonly maxAttempts?: number; readonly batchSize?: number },
): Promise<DeliveryReport> {
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const report = { configured: true, attempted: 0, sent: 0, retrying: 0, failed: 0 };
  // Keyset over (createdAt, id): each email is tried at most once per run, so one that keeps
  // failing cannot hold the run in a loop.
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await claimBatch(prisma, after, batchSize);
    for (const row of rows) {
      report.attempted++;
      try {
        await transport.send({
          to: row.toAddress,
          subject: row.subject,
          text: row.textBody,
          headers: extraHeaders(row.headers),
        });
        await prisma.outboxEmail.updateMany({
          where: { id: row.id, status: "PENDING" },
          data: {
            status: "SENT",
            sentAt: new Date(),
            attempts: { increment: 1 },
            lastError: null,
            claimedUntil: null,
          },
        });
        report.sent++;
      } catch (error) {
        const lastError = describeDeliveryError(error);
        const gaveUp = row.attempts + 1 >= maxAttempts;
        await prisma.outboxEmail.updateMany({
          where: { id: row.id, status: "PENDING" },
          data: {
            status: gaveUp ? "FAILED" : "PENDING",
            attempts: { increment: 1 },
            lastError,
            claimedUntil: null,
          },
        });
        if (gaveUp) report.failed++;
        else report.retrying++;
        // The email's id and kind only: never its address, subject or body.
        logger.warn("email delivery failed", {
          emailId: row.id,
          kind: row.kind,
          lastError,
          gaveUp,
        });
      }
    }
    const last: PendingRow | undefined = rows[rows.length - 1];
    if (!last || rows.length < batchSize) break;
    after = { createdAt: last.createdAt, id: last.id };
  }
  if (report.attempted > 0) logger.info("outbox delivered", { ...report });
  return report;
}

/**
 * Claims up to `batchSize` PENDING emails no other run holds, oldest first, after the run's
 * keyset cursor (each email is tried at most once per run, so one that keeps failing cannot
 * hold the run in a loop). Locked rows are skipped, not waited for: another process has them.
 */
async function claimBatch(
  prisma: PrismaClient,
  after: { createdAt: Date; id: string } | null,
  batchSize: number,
): Promise<PendingRow[]> {
  const now = new Date();
  const past = after
    ? Prisma.sql`AND ("createdAt", "id") > (${after.createdAt}, ${after.id}::uuid)`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<PendingRow[]>`
    UPDATE "OutboxEmail" o SET "claimedUntil" = ${new Date(now.getTime() + CLAIM_MS)}
    WHERE o."id" IN (
      SELECT "id" FROM "OutboxEmail"
      WHERE "status" = 'PENDING' AND ("claimedUntil" IS NULL OR "claimedUntil" <= ${now})
        ${past}
      ORDER BY "createdAt", "id"
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING o."id"::text AS "id", o."kind"::text AS "kind", o."toAddress", o."subject",
      o."textBody", o."headers", o."attempts", o."createdAt"`;
  // RETURNING keeps no order: oldest first again, as the cursor expects.
  return rows.sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
  );
}

const HEADER_NAME = /^[A-Za-z0-9-]{1,76}$/;

/** The row's extra headers (List-Unsubscribe…): string values only, no line breaks. */
export function extraHeaders(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return headers;
  for (const [name, content] of Object.entries(value)) {
    if (HEADER_NAME.test(name) && typeof content === "string" && !/[\r\n]/.test(content)) {
      headers[name] = content;
    }
  }
  return headers;
}

/**
 * What went wrong, in words that cannot hold personal data: nodemailer's error code, the SMTP
 * reply code and the command. Never the message, which often quotes the recipient's address.
 */
export function describeDeliveryError(error: unknown): string {
  const details = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts: string[] = [];
  if (typeof details.code === "string" && /^[A-Z_]{1,40}$/.test(details.code)) {
    parts.push(details.code);
  }
  if (typeof details.responseCode === "number" && Number.isInteger(details.responseCode)) {
    parts.push(`SMTP ${details.responseCode}`);
  }
  if (typeof details.command === "string" && /^[A-Z ]{1,20}$/.test(details.command)) {
    parts.push(`at ${details.command}`);
  }
  return parts.length > 0 ? `Delivery failed: ${parts.join(", ")}.` : "Delivery failed.";
}
