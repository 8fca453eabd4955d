import { appendConsentEventIn, keyedHash } from "@privet/db/ledger";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { policyInForce } from "../policy/public.js";
import { readConfirmationToken } from "./confirmation-token.js";
import { lastConsentSequence } from "./subscribe-newsletter.resolver.js";

@Resolver()
export class ConfirmNewsletterResolver {
  @Mutation(() => Boolean, {
    description:
      "Confirms a newsletter sign-up with the token from the emailed link (double opt-in): records the subscriber's marketing consent (source EMAIL_LINK, with the policy version in force) and lifts an earlier unsubscription. The link works once and for 7 days; else NEWSLETTER_LINK_INVALID.",
  })
  async confirmNewsletterSubscription(
    @Arg("token", () => String) token: string,
    @Ctx() context: Context,
  ): Promise<boolean> {
    // Tokens are checked by their HMAC, so guessing is hopeless; still counted per IP like
    // every open form.
    await context.limits.formsPerIp.take(
      `newsletter-ip:${context.request.ip}`,
      context.request.now.getTime(),
    );
    const { prisma, request, config } = context;
    const claim = readConfirmationToken(token, config.hashKey);
    if (!claim || claim.expiresAt.getTime() <= request.now.getTime()) {
      throw new AppError("NEWSLETTER_LINK_INVALID");
    }
    const policy = await policyInForce(prisma, request.now);
    await prisma.$transaction(async (tx) => {
      // Lock the subscriber's row (a write that changes nothing): a second click of the same
      // link waits here, then finds the event this one appends and is refused.
      const locked = await tx.newsletterSubscriber.updateMany({
        where: { id: claim.subscriberId },
        data: { id: claim.subscriberId },
      });
      if (locked.count !== 1) throw new AppError("NEWSLETTER_LINK_INVALID");
      // Used already, or the consent changed since the link was sent (an unsubscribe, say).
      if ((await lastConsentSequence(tx, claim.subscriberId)) !== claim.lastSequence) {
        throw new AppError("NEWSLETTER_LINK_INVALID");
      }
      await appendConsentEventIn(tx, {
        subjectKind: "SUBSCRIBER",
        subjectId: claim.subscriberId,
        purpose: "MARKETING",
        state: "GIVEN",
        source: "EMAIL_LINK",
        policyVersionId: policy?.id ?? null,
        ipHash: keyedHash(request.ip, config.hashKey),
        evidence: { form: "newsletter", confirmedBy: "emailed link" },
        occurredAt: request.now,
      });
      await tx.newsletterSubscriber.update({
        where: { id: claim.subscriberId },
        data: { unsubscribedAt: null },
      });
    });
    return true;
  }
}
