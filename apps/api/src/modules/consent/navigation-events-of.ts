import type { Context } from "../../context/context.js";
import { groupBy } from "../../context/loaders.js";

export interface NavigationRow {
  readonly id: string;
  readonly path: string;
  readonly referrer: string | null;
  readonly occurredAt: Date;
}

/**
 * A customer's page views, newest first, batched per request: those recorded on their account
 * and those made on their visitor cookie before they signed in (merged since). Shared by
 * Customer.navigationEvents and the data export, so both say the same.
 */
export function navigationEventsOf(context: Context, customerId: string): Promise<NavigationRow[]> {
  return context.loaders
    .get("navigationByCustomer", async (ids: readonly string[]) =>
      groupBy(
        ids,
        await context.prisma.navigationEvent.findMany({
          where: {
            OR: [
              { customerId: { in: [...ids] } },
              // Browsing on the customer's cookie before they signed in, merged since.
              { customerId: null, visitor: { customerId: { in: [...ids] } } },
            ],
          },
          orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
          select: {
            id: true,
            customerId: true,
            path: true,
            referrer: true,
            occurredAt: true,
            visitor: { select: { customerId: true } },
          },
        }),
        (row) => row.customerId ?? row.visitor.customerId ?? "",
      ),
    )
    .load(customerId);
}
