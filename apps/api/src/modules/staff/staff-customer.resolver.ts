import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { validateId } from "../../validation/validate-id.js";
import { CUSTOMER_COLUMNS, Customer, toCustomer } from "../accounts/public.js";

@Resolver()
export class StaffCustomerResolver {
  @Authorized()
  @Query(() => Customer, {
    nullable: true,
    description:
      "Staff: one customer by id. Every personal field is decided under the operation's declared purpose (`@purpose`) and audited.",
  })
  async customer(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<Customer | null> {
    const id = validateId("id", idInput);
    // An erased customer is gone as far as anyone reading is concerned.
    const row = await context.prisma.customer.findFirst({
      where: { id, erasedAt: null },
      select: CUSTOMER_COLUMNS,
    });
    return row ? toCustomer(row) : null;
  }
}
