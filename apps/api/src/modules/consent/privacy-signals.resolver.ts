import { permitsProcessing } from "@privet/domain/consent";
import { gppStringFor } from "@privet/domain/gpp";
import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { currentConsentsOf, requestSubject } from "./consent-subject.js";
import { PrivacySignals } from "./privacy-signals.type.js";
import { requestVisitor } from "./request-visitor.js";

@Resolver()
export class PrivacySignalsResolver {
  @Query(() => PrivacySignals, {
    description:
      "Whether this request's Global Privacy Control was honoured and Do Not Track recorded (P-15).",
  })
  async privacySignals(@Ctx() context: Context): Promise<PrivacySignals> {
    const { gpc, dnt } = context.request;
    // The signals were applied before the operation ran: this reads their outcome.
    const [subject, visitor] = await Promise.all([
      requestSubject(context),
      requestVisitor(context),
    ]);
    const advertising = subject
      ? (await currentConsentsOf(context, subject)).get("REMARKETING")
      : undefined;
    return Object.assign(new PrivacySignals(), {
      gpc,
      gpcHonoured: gpc && !permitsProcessing(advertising?.state),
      dnt,
      dntRecorded: dnt && visitor?.doNotTrackSeenAt != null,
      advertisingConsent: advertising?.state ?? null,
      advertisingConsentSource: advertising?.source ?? null,
      // Never asked, refused, withdrawn or GPC: opted out (@privet/domain/gpp says why).
      gpp: gppStringFor({ REMARKETING: advertising?.state }, gpc),
    });
  }
}
