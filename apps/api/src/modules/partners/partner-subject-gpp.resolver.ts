/**
 * The IAB GPP string (usnat) of each subject, for the advertising partner: the opt-outs of
 * sale, sharing and targeted advertising and the GPC flag, as ad tech reads them
 * (@privet/domain/gpp says how Privet's consents map to them). Only for a processor whose
 * agreement in force covers advertising (REMARKETING, the one advertising purpose): it is the
 * signal an ad network must honour, and no business of the mail or cloud provider.
 *
 * From the subject's current consents (the ledger's projection, batched per page), never a
 * cache: withdrawn now, opted out in the next read. The GPC flag is the person's last signal
 * as the ledger holds it — their advertising consent was last set by their browser's Global
 * Privacy Control (P-15) — since the partner's request carries no browser of theirs. Each
 * read is recorded in the person's access log, like a consentCheck: which partner learned
 * whose choice is evidence.
 */
import { gppStringFor } from "@privet/domain/gpp";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { CONSENT_CHOICE } from "../../privacy/access-read-recorder.js";
import { Classified } from "../../privacy/personal.js";
import { currentConsentsOf } from "../consent/public.js";
import { PartnerSubject } from "./partner-subject.type.js";

@Resolver(() => PartnerSubject)
export class PartnerSubjectGppResolver {
  @Classified("NON_PERSONAL")
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The subject's IAB Global Privacy Platform string, US national section (usnat): sale, sharing and targeted-advertising opt-outs and the GPC flag, from their current consents. Only for a processor whose agreement in force covers REMARKETING; null otherwise.",
  })
  async gpp(@Root() subject: PartnerSubject, @Ctx() context: Context): Promise<string | null> {
    const agreement = await context.privacy.partnerAgreement();
    const now = context.request.now.getTime();
    const inForce =
      agreement !== null &&
      agreement.validFrom.getTime() <= now &&
      now < agreement.validUntil.getTime();
    if (!inForce || !agreement.purposes.includes("REMARKETING")) return null;
    const consents = await currentConsentsOf(context, { kind: "CUSTOMER", id: subject.subjectId });
    const advertising = consents.get("REMARKETING");
    context.accessReads.record(subject.subjectId, CONSENT_CHOICE, "partnerSubjects.gpp");
    // A GPC signal is only ever recorded as a withdrawal (source GPC).
    return gppStringFor({ REMARKETING: advertising?.state }, advertising?.source === "GPC");
  }
}
