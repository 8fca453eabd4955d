import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { Classified } from "../../privacy/personal.js";
import { Customer } from "../accounts/public.js";
import { PaymentMethod, toPaymentMethod } from "./payment-method.type.js";

@Resolver(() => Customer)
export class CustomerPaymentMethodResolver {
  /** Whether a card exists is not itself card data; each of its fields is enforced on its own. */
  @Classified("NON_PERSONAL")
  @FieldResolver(() => PaymentMethod, {
    nullable: true,
    description: "The customer's current card (brand, last four digits, expiry, token), if any.",
  })
  async paymentMethod(
    @Root() customer: Customer,
    @Ctx() context: Context,
  ): Promise<PaymentMethod | null> {
    // One statement for every customer in the response, however many there are.
    const row = await context.loaders
      .get("payments.currentByCustomer", async (ids: readonly string[]) => {
        const rows = await context.prisma.paymentMethod.findMany({
          where: { customerId: { in: [...ids] }, replacedAt: null },
          orderBy: { createdAt: "desc" },
        });
        const current = new Map<string, (typeof rows)[number]>();
        for (const r of rows) if (!current.has(r.customerId)) current.set(r.customerId, r);
        return ids.map((id) => current.get(id) ?? null);
      })
      .load(customer.subjectId);
    return row ? toPaymentMethod(row) : null;
  }
}
