import type { ConsentPurpose, ConsentSource, ConsentState } from "@privet/domain/consent";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { requireCustomer } from "../../guards/require-customer.js";
import {
  ConsentPurposeValues,
  ConsentSourceValues,
  ConsentStateValues,
} from "../../vocabulary/enums.js";
import { Consent, toConsents } from "./consent.type.js";
import { type CurrentConsents, currentConsentsOf, rememberConsentsOf } from "./consent-subject.js";
import { jurisdictionOf, policyVersionInForce, recordConsents } from "./record-consent.js";

/**
 * What a person may say about a consent. EXPIRED is the system's word (a consent that lapsed),
 * never a client's; the other sources belong to other write paths (registration, the
 * banner, GPC, an email link, staff acting on a request).
 */
const CLIENT_STATES: readonly ConsentState[] = ["GIVEN", "WITHDRAWN", "REFUSED"];
const CLIENT_SOURCES: readonly ConsentSource[] = ["PORTAL", "API"];

@Resolver()
export class SetConsentResolver {
  @Mutation(() => Consent, {
    description:
      "Gives or withdraws a consent for the signed-in customer (P-08), recording the policy version in force. Repeating the current choice under the same policy version writes nothing.",
  })
  async setConsent(
    @Arg("purpose", () => ConsentPurposeValues) purpose: ConsentPurpose,
    @Arg("state", () => ConsentStateValues, { description: "GIVEN, WITHDRAWN or REFUSED." })
    state: ConsentState,
    @Arg("source", () => ConsentSourceValues, {
      defaultValue: "PORTAL",
      description: "PORTAL (default) or API.",
    })
    source: ConsentSource,
    @Ctx() context: Context,
  ): Promise<Consent> {
    const customerId = requireCustomer(context);
    if (!CLIENT_STATES.includes(state)) {
      throw badInput("state", "A consent can be GIVEN, WITHDRAWN or REFUSED.");
    }
    if (!CLIENT_SOURCES.includes(source)) {
      throw badInput("source", "The source of a choice made here is PORTAL or API.");
    }
    // GPC is honoured for as long as the browser sends it (P-15): advertising stays off.
    if (context.request.gpc && purpose === "REMARKETING" && state === "GIVEN") {
      throw new AppError("GPC_OPT_OUT");
    }
    const subject = { kind: "CUSTOMER", id: customerId } as const;
    // Every read the write needs at once (the jurisdiction is kept by its loader for the write).
    const [currents, policyVersionId] = await Promise.all([
      currentConsentsOf(context, subject),
      policyVersionInForce(context),
      jurisdictionOf(context, subject),
    ]);
    const current = currents.get(purpose);
    let answer: CurrentConsents = currents;
    // A repeated click writes nothing; the same choice under a newer policy is worth recording.
    if (current?.state !== state || current.policyVersionId !== policyVersionId) {
      const [event] = await recordConsents(context, [
        {
          subject,
          purpose,
          state,
          source,
          evidence: { form: source === "PORTAL" ? "consent-centre" : "app" },
        },
      ]);
      if (event) {
        // The answer is the event just appended (the projection's row for it), not read back.
        answer = new Map(currents).set(purpose, {
          purpose,
          state: event.state,
          source: event.source,
          policyVersionId: event.policyVersionId,
          policyVersion: event.policyVersion,
          updatedAt: event.occurredAt,
        });
        rememberConsentsOf(context, subject, answer);
      }
    }
    return toConsents(answer).find((consent) => consent.purpose === purpose) as Consent;
  }
}
