import type { Prisma } from "@privet/db/client";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import * as validate from "../../validation/validate.js";
import { confirmationToken } from "./confirmation-token.js";

/** How long a confirmation link works. */
export const CONFIRMATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** At most one confirmation email to an address this often, whoever asks. */
export const CONFIRMATION_RESEND_MS = 10 * 60 * 1000;

/** The subscriber's last consent event's sequence (0 for none): the link is bound to it. */
export async function lastConsentSequence(
  tx: Prisma.TransactionClient,
  subscriberId: string,
): Promise<number> {
  const last = await tx.consentEvent.findFirst({
    where: { subjectKind: "SUBSCRIBER", subjectId: subscriberId },
    orderBy: { sequence: "desc" },
    select: { sequence: true },
  });
  return last ? Number(last.sequence) : 0;
}

@Resolver()
export class SubscribeNewsletterResolver {
  @Mutation(() => Boolean, {
    description:
      "Signs an email address up for the newsletter, no account needed (P-03), by double opt-in: stores the address and sends it an email with a one-time link (valid 7 days); the marketing consent is recorded only when that link is followed (confirmNewsletterSubscription). Nothing is sent to an address already subscribed, nor more than one email to an address per 10 minutes. Always true, so the form reveals nothing about an address.",
  })
  async subscribeNewsletter(
    @Arg("email", () => String) emailInput: string,
    @Ctx() context: Context,
  ): Promise<boolean> {
    const email = validate.email("email", emailInput);
    // Anyone can call this: count it per IP, apart from sign-in attempts.
    await context.limits.formsPerIp.take(
      `newsletter-ip:${context.request.ip}`,
      context.request.now.getTime(),
    );
    const { prisma, request, config } = context;

    await prisma.$transaction(async (tx) => {
      // An upsert, so signing up twice keeps one row. Its update writes the address over
      // itself (changing nothing) so that it takes the row's lock until commit: a concurrent
      // sign-up or confirmation of the same address waits here.
      const subscriber = await tx.newsletterSubscriber.upsert({
        where: { email },
        create: { email, createdAt: request.now },
        update: { email },
        select: { id: true, unsubscribedAt: true },
      });
      const current = await tx.consentCurrent.findUnique({
        where: {
          subjectKind_subjectId_purpose: {
            subjectKind: "SUBSCRIBER",
            subjectId: subscriber.id,
            purpose: "MARKETING",
          },
        },
        select: { state: true },
      });
      // Already subscribed (and not unsubscribed since): nothing to send.
      if (current?.state === "GIVEN" && !subscriber.unsubscribedAt) return;
      // Anyone can type any address in: a sign-up proves nothing about who owns the address,
      // so nothing is recorded here, for a newcomer or for someone who unsubscribed. The link
      // sent to the address is what proves it. Not more than one per address per 10 minutes,
      // so the form cannot be used to flood someone's inbox.
      const recent = await tx.outboxEmail.count({
        where: {
          kind: "NEWSLETTER_CONFIRMATION",
          toAddress: email,
          createdAt: { gt: new Date(request.now.getTime() - CONFIRMATION_RESEND_MS) },
        },
      });
      if (recent > 0) return;
      const token = confirmationToken(
        {
          subscriberId: subscriber.id,
          expiresAt: new Date(request.now.getTime() + CONFIRMATION_LIFETIME_MS),
          lastSequence: await lastConsentSequence(tx, subscriber.id),
        },
        config.hashKey,
      );
      const link = `${config.portalUrl}/newsletter/confirm?token=${token}`;
      await tx.outboxEmail.create({
        data: {
          kind: "NEWSLETTER_CONFIRMATION",
          toAddress: email,
          status: "PENDING",
          createdAt: request.now,
          subject: "Confirm your subscription to the Privet newsletter",
          textBody: [
            "Hello,",
            "Someone, probably you, asked to receive the Privet newsletter at this address. To confirm, open this link and press “Confirm my subscription” (the link works once, for 7 days):",
            link,
            "If it was not you, ignore this email: nothing will be sent to you.",
          ].join("\n\n"),
        },
      });
    });
    // The same answer for a new and a known address, so the form reveals nothing.
    return true;
  }
}
