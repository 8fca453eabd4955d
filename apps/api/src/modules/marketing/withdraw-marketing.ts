/**
 * Following an unsubscribe link (P-08): withdraws the customer's MARKETING consent through the
 * ledger (source EMAIL_LINK), without signing in: the token is the proof, as it only ever
 * reached the customer's mailbox. Idempotent: a consent that is not GIVEN is left alone, so a
 * second click (or the mail client's one-click POST after the page's) writes nothing.
 */
import type { PrismaClient } from "@privet/db/client";
import { appendConsentEventIn, keyedHash } from "@privet/db/ledger";
import { policyInForce } from "../policy/public.js";
import { readUnsubscribeToken } from "./unsubscribe-token.js";

export type UnsubscribeOutcome = "WITHDRAWN" | "ALREADY" | "INVALID";

/** The campaign email a token names, if the token is genuine and the email exists. */
export async function campaignEmailOf(prisma: PrismaClient, token: unknown, hashKey: string) {
  const emailId = readUnsubscribeToken(token, hashKey);
  if (!emailId) return null;
  const email = await prisma.outboxEmail.findUnique({
    where: { id: emailId },
    select: { id: true, kind: true, customerId: true, campaignId: true },
  });
  if (email?.kind !== "CAMPAIGN" || !email.customerId) return null;
  return { id: email.id, customerId: email.customerId, campaignId: email.campaignId };
}

export async function withdrawMarketingByToken(
  prisma: PrismaClient,
  token: unknown,
  request: {
    readonly hashKey: string;
    readonly ip: string;
    readonly now: Date;
    readonly method: "ONE_CLICK" | "PAGE";
  },
): Promise<UnsubscribeOutcome> {
  const email = await campaignEmailOf(prisma, token, request.hashKey);
  if (!email) return "INVALID";
  const customer = await prisma.customer.findUnique({
    where: { id: email.customerId },
    select: { jurisdiction: true, erasedAt: true },
  });
  // An erased customer has nothing left to withdraw; the link answers as if done.
  if (!customer || customer.erasedAt) return "ALREADY";
  const policy = await policyInForce(prisma, request.now);

  return prisma.$transaction(async (tx) => {
    // Holds the customer's row until commit, so two clicks at once write one event.
    await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${email.customerId}::uuid FOR UPDATE`;
    const current = await tx.consentCurrent.findUnique({
      where: {
        subjectKind_subjectId_purpose: {
          subjectKind: "CUSTOMER",
          subjectId: email.customerId,
          purpose: "MARKETING",
        },
      },
      select: { state: true },
    });
    if (current?.state !== "GIVEN") return "ALREADY";
    await appendConsentEventIn(tx, {
      subjectKind: "CUSTOMER",
      subjectId: email.customerId,
      purpose: "MARKETING",
      state: "WITHDRAWN",
      source: "EMAIL_LINK",
      policyVersionId: policy?.id ?? null,
      jurisdiction: customer.jurisdiction,
      ipHash: keyedHash(request.ip, request.hashKey),
      // Non-personal evidence: which email's link, and how it was followed.
      evidence: {
        emailId: email.id,
        campaignId: email.campaignId,
        method: request.method,
      },
      occurredAt: request.now,
    });
    return "WITHDRAWN";
  });
}
