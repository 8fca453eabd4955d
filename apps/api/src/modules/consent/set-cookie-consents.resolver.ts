import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { type ConsentSubject, currentConsentsOf } from "./consent-subject.js";
import { CookieChoiceInput } from "./cookie-choice.input.js";
import { checkCookieChoices, cookieChoiceWrites } from "./cookie-choices.js";
import { CookieConsent } from "./cookie-consent.type.js";
import { toCookieConsents } from "./cookie-consents.js";
import { type ConsentWrite, recordConsents } from "./record-consent.js";
import {
  createVisitor,
  issueVisitorCookie,
  newVisitor,
  requestVisitor,
  type VisitorRow,
} from "./request-visitor.js";

@Resolver()
export class SetCookieConsentsResolver {
  @Mutation(() => [CookieConsent], {
    description:
      "Records the consent banner's choices (accept all, reject all or by category: P-13) for the signed-in customer, or for the anonymous visitor, whose visitor cookie (a random ID, necessary to remember the choice) is set when missing. Advertising stays off while the browser sends Global Privacy Control.",
  })
  async setCookieConsents(
    @Arg("choices", () => [CookieChoiceInput]) choices: CookieChoiceInput[],
    @Ctx() context: Context,
  ): Promise<CookieConsent[]> {
    const { principal } = context.viewer;
    if (principal.kind === "staff" || principal.kind === "partner") {
      throw new AppError("FORBIDDEN", "Cookie choices are made by visitors and customers.");
    }
    checkCookieChoices(choices);

    let created: VisitorRow | null = null;
    let subject: ConsentSubject;
    if (principal.kind === "customer") {
      subject = { kind: "CUSTOMER", id: principal.subjectId };
    } else {
      let visitor = await requestVisitor(context);
      if (!visitor) {
        created = newVisitor(context.request);
        visitor = created;
      }
      subject = { kind: "VISITOR", id: visitor.id, visitor };
    }
    const current = created ? new Map() : await currentConsentsOf(context, subject);

    const writes: ConsentWrite[] = cookieChoiceWrites({
      subject,
      current,
      choices,
      gpc: context.request.gpc,
      source: "BANNER",
      evidence: { form: "cookie-banner" },
    });

    // A new visitor row missed the privacy signals (they ran before it existed): GPC sent
    // with its first choices is recorded as the withdrawal it is.
    if (created && context.request.gpc) {
      writes.push({
        subject,
        purpose: "REMARKETING",
        state: "WITHDRAWN",
        source: "GPC",
        evidence: { header: "Sec-GPC" },
      });
    }

    // A visitor's row (and cookie) exists only once there is a choice to remember.
    const visitor = writes.length > 0 ? created : null;
    await recordConsents(
      context,
      writes,
      visitor ? (tx) => createVisitor(tx, visitor, context.request.now) : undefined,
    );
    if (visitor) issueVisitorCookie(context, visitor);
    return toCookieConsents(await currentConsentsOf(context, subject), context.request.gpc);
  }
}
