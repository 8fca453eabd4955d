import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { groupBy } from "../../context/loaders.js";
import { Personal } from "../../privacy/personal.js";
import { Customer } from "../accounts/public.js";
import { partnerPseudonym } from "../partners/public.js";
import { NavigationEvent } from "./navigation-event.type.js";
import { navigationEventsOf } from "./navigation-events-of.js";

/**
 * The advertising data held about a customer (P-05): their pseudonymous cookie IDs and their
 * navigation. Each field is personal, so staff and partners reach it only through decide()
 * (for the advertising network: an agreement for REMARKETING and the person's consent), and
 * every allowed read by someone else is audited. Both batch through loaders.
 */
@Resolver(() => Customer)
export class CustomerNavigationResolver {
  @Personal("user.behavior.navigation")
  @FieldResolver(() => [NavigationEvent], {
    nullable: true,
    description:
      "Page views recorded while advertising consent was given, newest first (including those made on this customer's visitor cookie before signing in).",
  })
  async navigationEvents(
    @Root() customer: Customer,
    @Ctx() context: Context,
  ): Promise<NavigationEvent[]> {
    const rows = await navigationEventsOf(context, customer.subjectId);
    return rows.map((row) =>
      Object.assign(new NavigationEvent(), {
        id: row.id,
        path: row.path,
        referrer: row.referrer,
        occurredAt: row.occurredAt,
      }),
    );
  }

  @Personal("user.device.cookie_id")
  @FieldResolver(() => [String], {
    nullable: true,
    description:
      "Pseudonyms of the customer's visitor cookies (keyed hashes): the cookie itself is a credential and is never returned.",
  })
  async cookieIds(@Root() customer: Customer, @Ctx() context: Context): Promise<string[]> {
    const rows = await context.loaders
      .get("visitorCookiesByCustomer", async (ids: readonly string[]) =>
        groupBy(
          ids,
          await context.prisma.visitor.findMany({
            where: { customerId: { in: [...ids] } },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            select: { customerId: true, cookieId: true },
          }),
          (row) => row.customerId ?? "",
        ),
      )
      .load(customer.subjectId);
    // Never the cookie value: it would let whoever reads it act as that browser (and an
    // HttpOnly cookie must not reach JavaScript through the API either).
    return rows.map((row) => partnerPseudonym("privet", row.cookieId, context.config.hashKey));
  }
}
