/**
 * The notice of a material policy change (P-18): one POLICY_NOTICE email per customer who has
 * not been erased, queued in the outbox in the same transaction as the version, in batches.
 *
 * Who reads the addresses: the platform itself, server-side, for the purpose
 * SERVICE_ANNOUNCEMENTS ("tell you about changes to the services and to this policy", a
 * contract basis, so no consent is needed and a marketing opt-out does not stop it). The
 * privacy officer who publishes never sees an address: the mutation returns only a count.
 *
 * The notice holds no personal data beyond the recipient's address: every customer gets the
 * same subject and text (no name, no account details), naming the effective date and linking
 * to the version and to the archive.
 */
import type { Prisma } from "@privet/db/client";
import { policyArchiveLink, policyVersionLink } from "./policy-links.js";

/** Rows per createMany: one statement per batch, however many customers there are. */
export const NOTICE_BATCH_SIZE = 1000;

export interface NoticeVersion {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly summary: string;
  readonly effectiveAt: Date;
}

const DATE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const TIME = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "15 January 2026 at 00:00 UTC". */
export function formatEffectiveDate(date: Date): string {
  return `${DATE.format(date)} at ${TIME.format(date)} UTC`;
}

export function policyNotice(
  version: NoticeVersion,
  publishedAt: Date,
  portalUrl: string,
): { subject: string; textBody: string } {
  const when = formatEffectiveDate(version.effectiveAt);
  const future = version.effectiveAt.getTime() > publishedAt.getTime();
  const subject = future
    ? `Our privacy policy changes on ${DATE.format(version.effectiveAt)}`
    : `Our privacy policy changed on ${DATE.format(version.effectiveAt)}`;
  const lines = [
    "Hello,",
    "",
    `We have published a new version of our privacy policy, "${version.title}" (version ${version.version}).`,
    future
      ? `It takes effect on ${when}. Until then, the current version continues to apply.`
      : `It took effect on ${when}.`,
    "",
    ...(version.summary ? ["What changes:", version.summary, ""] : []),
    `Read the new version: ${policyVersionLink(portalUrl, version.id)}`,
    `Every earlier version stays available: ${policyArchiveLink(portalUrl)}`,
    "",
    "We send this notice to every customer because it concerns how we handle your information; it is not marketing.",
  ];
  return { subject, textBody: lines.join("\n") };
}

/** Who a material change's notice goes to: every customer not erased. */
export const NOTICE_RECIPIENTS = { erasedAt: null } as const satisfies Prisma.CustomerWhereInput;

/** How many customers a material change published now would notify (shown before publishing). */
export function countNoticeRecipients(db: Pick<Prisma.TransactionClient, "customer">) {
  return db.customer.count({ where: NOTICE_RECIPIENTS });
}

/** Queues the notice for every customer not erased; returns how many were queued. */
export async function queuePolicyNotices(
  tx: Prisma.TransactionClient,
  version: NoticeVersion,
  publishedAt: Date,
  portalUrl: string,
): Promise<number> {
  const { subject, textBody } = policyNotice(version, publishedAt, portalUrl);
  let queued = 0;
  let after: string | undefined;
  for (;;) {
    // Keyset pagination by id: each batch is one read and one insert, whatever the total.
    const customers = await tx.customer.findMany({
      where: { ...NOTICE_RECIPIENTS, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, email: true },
      orderBy: { id: "asc" },
      take: NOTICE_BATCH_SIZE,
    });
    if (customers.length === 0) break;
    await tx.outboxEmail.createMany({
      data: customers.map((customer) => ({
        kind: "POLICY_NOTICE" as const,
        customerId: customer.id,
        toAddress: customer.email,
        subject,
        textBody,
        createdAt: publishedAt,
      })),
    });
    queued += customers.length;
    after = customers[customers.length - 1]?.id;
    if (customers.length < NOTICE_BATCH_SIZE) break;
  }
  return queued;
}

/**
 * A customer who registers after a material version was published but before it takes
 * effect accepts the version in force, so they are told of the coming change too.
 */
export async function queueScheduledNoticesFor(
  tx: Prisma.TransactionClient,
  customer: { readonly id: string; readonly email: string },
  now: Date,
  portalUrl: string,
): Promise<number> {
  const scheduled = await tx.policyVersion.findMany({
    where: { material: true, effectiveAt: { gt: now } },
    orderBy: { effectiveAt: "asc" },
  });
  if (scheduled.length === 0) return 0;
  await tx.outboxEmail.createMany({
    data: scheduled.map((version) => ({
      kind: "POLICY_NOTICE" as const,
      customerId: customer.id,
      toAddress: customer.email,
      ...policyNotice(version, now, portalUrl),
      createdAt: now,
    })),
  });
  return scheduled.length;
}
