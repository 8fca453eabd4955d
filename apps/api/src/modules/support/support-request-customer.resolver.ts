import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { Classified } from "../../privacy/personal.js";
import { Customer, toCustomer } from "../accounts/public.js";
import { SupportRequest } from "./support-request.type.js";

@Resolver(() => SupportRequest)
export class SupportRequestCustomerResolver {
  /** Which customer sent it; their name, email and country are enforced field by field. */
  @Classified("NON_PERSONAL")
  @FieldResolver(() => Customer, { nullable: true, description: "Null for a visitor." })
  async customer(
    @Root() request: SupportRequest,
    @Ctx() context: Context,
  ): Promise<Customer | null> {
    if (!request.customerId) return null;
    // One statement for the whole queue.
    const row = await context.loaders
      .get("support.customerById", async (ids: readonly string[]) => {
        const rows = await context.prisma.customer.findMany({
          where: { id: { in: [...ids] } },
          select: {
            id: true,
            name: true,
            email: true,
            country: true,
            jurisdiction: true,
            createdAt: true,
          },
        });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      })
      .load(request.customerId);
    return row ? toCustomer(row) : null;
  }
}
