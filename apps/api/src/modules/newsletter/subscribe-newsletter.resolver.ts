import { appendConsentEventIn, keyedHash } from "@privet/db/ledger";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import * as validate from "../../validation/validate.js";
import { policyInForce } from "../policy/public.js";

@Resolver()
export class SubscribeNewsletterResolver {
  @Mutation(() => Boolean, {
    description:
      "Signs an email address up for the newsletter, no account needed (P-03): stores the address and records a marketing consent with the policy version in force. Always true, whether or not the address was already subscribed; an address that unsubscribed stays unsubscribed (returning will need a confirmation link).",
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
    const { prisma, request } = context;
    const policy = await policyInForce(prisma, request.now);

    await prisma.$transaction(async (tx) => {
      // An upsert, so signing up twice keeps one row. Its update writes the address over
      // itself (changing nothing) so that it takes the row's lock until commit: a concurrent
      // sign-up of the same address waits here and then sees the consent this one records
      // (no second GIVEN event).
      const subscriber = await tx.newsletterSubscriber.upsert({
        where: { email },
        create: { email, createdAt: request.now },
        update: { email },
        select: { id: true, unsubscribedAt: true },
      });
      if (subscriber.unsubscribedAt) return;
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
      // Already subscribed: nothing to do.
      if (current?.state === "GIVEN") return;
      // Unsubscribed or refused: leave it so. Anyone can type any address into this form, so
      // a sign-up proves nothing about who owns the address; undoing someone's withdrawal on
      // that basis would let a stranger re-subscribe them. Coming back needs a confirmation
      // link sent to the address (double opt-in), which we do not have yet.
      if (current?.state === "WITHDRAWN" || current?.state === "REFUSED") return;
      // A new sign-up (or a row whose consent was never recorded): the consent is given.
      await appendConsentEventIn(tx, {
        subjectKind: "SUBSCRIBER",
        subjectId: subscriber.id,
        purpose: "MARKETING",
        state: "GIVEN",
        source: "PORTAL",
        policyVersionId: policy?.id ?? null,
        ipHash: keyedHash(request.ip, context.config.hashKey),
        evidence: { form: "newsletter" },
        occurredAt: request.now,
      });
    });
    // The same answer for a new and a known address, so the form reveals nothing.
    return true;
  }
}
