/**
 * Queues a campaign: one CAMPAIGN email per customer whose MARKETING consent is GIVEN now (the
 * ledger's projection, ConsentCurrent) and who is not erased, in batches, in the caller's
 * transaction. Only verified addresses. The addresses are read by the platform for the purpose MARKETING, on the
 * customers' consent; the staff member who sends never sees them (the mutation returns a count).
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "@privet/db/client";
import { campaignEmail } from "./campaign-email.js";

export const CAMPAIGN_BATCH_SIZE = 1000;

/** A customer a campaign goes to: the platform reads the address, on their consent. */
export interface CampaignRecipient {
  readonly id: string;
  readonly email: string;
}

/**
 * The customers a campaign goes to now, a batch at a time: MARKETING consent GIVEN (the
 * ledger's projection) and not erased. The one query both the count shown before sending
 * (campaignPreview) and the send itself use, so the number the member confirms is the number
 * queued.
 */
export async function forEachCampaignRecipientBatch(
  tx: Prisma.TransactionClient,
  onBatch: (customers: readonly CampaignRecipient[]) => Promise<void>,
): Promise<void> {
  let after: string | undefined;
  for (;;) {
    // Keyset pagination over the consent projection: one read per batch, however many.
    const consents = await tx.consentCurrent.findMany({
      where: {
        subjectKind: "CUSTOMER",
        purpose: "MARKETING",
        state: "GIVEN",
        ...(after ? { subjectId: { gt: after } } : {}),
      },
      select: { subjectId: true },
      orderBy: { subjectId: "asc" },
      take: CAMPAIGN_BATCH_SIZE,
    });
    if (consents.length === 0) break;
    const customers = await tx.customer.findMany({
      // An unverified address is not used for marketing (modules/accounts/account-links.ts).
      where: {
        id: { in: consents.map((consent) => consent.subjectId) },
        erasedAt: null,
        emailVerifiedAt: { not: null },
      },
      select: { id: true, email: true },
    });
    if (customers.length > 0) await onBatch(customers);
    after = consents[consents.length - 1]?.subjectId;
    if (consents.length < CAMPAIGN_BATCH_SIZE) break;
  }
}

/** How many customers a campaign sent now would reach. */
export async function countCampaignRecipients(tx: Prisma.TransactionClient): Promise<number> {
  let count = 0;
  await forEachCampaignRecipientBatch(tx, async (customers) => {
    count += customers.length;
  });
  return count;
}

export async function queueCampaign(
  tx: Prisma.TransactionClient,
  campaign: { readonly id: string; readonly subject: string; readonly body: string },
  config: { readonly hashKey: string; readonly apiUrl: string },
  now: Date,
): Promise<number> {
  let queued = 0;
  await forEachCampaignRecipientBatch(tx, async (customers) => {
    await tx.outboxEmail.createMany({
      data: customers.map((customer) => {
        // A random id (not time-ordered): the unsubscribe token carries it.
        const id = randomUUID();
        return {
          id,
          kind: "CAMPAIGN" as const,
          customerId: customer.id,
          campaignId: campaign.id,
          toAddress: customer.email,
          ...campaignEmail(campaign, id, config),
          createdAt: now,
        };
      }),
    });
    queued += customers.length;
  });
  return queued;
}
