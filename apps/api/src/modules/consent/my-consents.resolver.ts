import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { requireCustomer } from "../../guards/require-customer.js";
import { Consent } from "./consent.type.js";
import { consentsOf } from "./consent-loaders.js";

@Resolver()
export class MyConsentsResolver {
  @Query(() => [Consent], {
    description:
      "The signed-in customer's current choice on every consent purpose (state null: never asked).",
  })
  async myConsents(@Ctx() context: Context): Promise<Consent[]> {
    return consentsOf(context, { kind: "CUSTOMER", id: requireCustomer(context) });
  }
}
