import type { Purpose } from "@privet/domain/purposes";
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { requirePartner } from "../../guards/require-partner.js";
import { CONSENT_CHOICE } from "../../privacy/access-read-recorder.js";
import { PurposeValues } from "../../vocabulary/enums.js";
import { agreementRefusal, consentAnswer, currentConsentFor, refused } from "./check-consent.js";
import { ConsentCheck } from "./consent-check.type.js";
import { openSubjectPseudonym } from "./subject-pseudonym.js";

@Resolver()
export class ConsentCheckResolver {
  @Query(() => ConsentCheck, {
    description:
      "Partner: may I use this subject's data for this purpose now? Answered only for a purpose your agreement in force covers (else FORBIDDEN with the reason), from the subject's current consent (no cache), and recorded in the subject's access log.",
  })
  async consentCheck(
    @Arg("subject", () => ID, { description: "The subject's id as partnerSubjects gave it." })
    subject: string,
    @Arg("purpose", () => PurposeValues) purpose: Purpose,
    @Ctx() context: Context,
  ): Promise<ConsentCheck> {
    const { processorId } = requirePartner(context);
    const customerId = openSubjectPseudonym(processorId, subject, context.config.hashKey);
    if (customerId === null)
      throw badInput("subject", "subject is not a subject id you were given.");
    const [agreement, state] = await Promise.all([
      context.privacy.partnerAgreement(),
      currentConsentFor(context.reader, customerId, purpose),
    ]);
    // An unknown (or erased) subject is NOT_FOUND before the agreement is looked at: the
    // answer is the same whoever asks, and no access event names a subject that is not there.
    if (state === undefined) throw new AppError("NOT_FOUND", "There is no such subject.");
    const fieldPath = `consentCheck(${purpose})`;
    const refusal = agreementRefusal(agreement, processorId, purpose, context.request.now);
    if (refusal) {
      // A refused attempt is evidence too, like a redacted field.
      context.accessReads.record(customerId, CONSENT_CHOICE, fieldPath, refusal);
      throw refused(refusal);
    }
    const answer = consentAnswer(purpose, state);
    context.accessReads.record(customerId, CONSENT_CHOICE, fieldPath);
    return Object.assign(new ConsentCheck(), {
      subject,
      purpose,
      state: answer.basis === "CONSENT" ? state : null,
      ...answer,
    });
  }
}
