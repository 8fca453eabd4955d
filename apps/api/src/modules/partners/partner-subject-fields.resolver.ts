import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { Personal } from "../../privacy/personal.js";
import { currentCardLast4, firstCookieIds, recentNavigation } from "./load-subject-details.js";
import { partnerPseudonym } from "./partner-pseudonym.js";
import { PartnerNavigationEvent, PartnerSubject } from "./partner-subject.type.js";

@Resolver(() => PartnerSubject)
export class PartnerSubjectFieldsResolver {
  @Personal("user.device.cookie_id")
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "A pseudonym of the customer's first visitor cookie, different for each processor: an advertising network can recognise the same browser without learning who the person is (P-05).",
  })
  pseudonymousId(
    @Root() subject: PartnerSubject,
    @Ctx() context: Context,
  ): string | null | Promise<string | null> {
    // Never the cookie itself: it is the visitor's credential, and a partner could replay it.
    // Keyed per processor, so two partners cannot join their data on it.
    const pseudonymOf = (cookieId: string | null | undefined) => {
      const { principal } = context.viewer;
      const processor = principal.kind === "partner" ? principal.processorId : "privet";
      return cookieId ? partnerPseudonym(processor, cookieId, context.config.hashKey) : null;
    };
    // Usually loaded with the page (partner-subjects.resolver.ts): no promise.
    if (subject.loaded.cookieId !== undefined) return pseudonymOf(subject.loaded.cookieId);
    return context.loaders
      .get("partners.firstCookieId", (ids: readonly string[]) =>
        firstCookieIds(context.prisma, ids),
      )
      .load(subject.subjectId)
      .then(pseudonymOf);
  }

  @Personal("user.financial.card.last4")
  @FieldResolver(() => String, {
    nullable: true,
    description: "The current card's last four digits.",
  })
  cardLast4(
    @Root() subject: PartnerSubject,
    @Ctx() context: Context,
  ): string | null | Promise<string | null> {
    if (subject.loaded.cardLast4 !== undefined) return subject.loaded.cardLast4;
    return context.loaders
      .get("partners.cardLast4", (ids: readonly string[]) => currentCardLast4(context.prisma, ids))
      .load(subject.subjectId);
  }

  @Personal("user.behavior.navigation")
  @FieldResolver(() => [PartnerNavigationEvent], {
    nullable: true,
    description: "The customer's newest page views (at most 50), newest first (P-05).",
  })
  async navigationEvents(
    @Root() subject: PartnerSubject,
    @Ctx() context: Context,
  ): Promise<PartnerNavigationEvent[]> {
    if (subject.erased) return [];
    const rows = await context.loaders
      .get("partners.navigation", (ids: readonly string[]) => recentNavigation(context.prisma, ids))
      .load(subject.subjectId);
    return rows.map((row) =>
      Object.assign(new PartnerNavigationEvent(), { path: row.path, occurredAt: row.occurredAt }),
    );
  }
}
