import { Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { countNoticeRecipients } from "./policy-notices.js";

@Resolver()
export class PolicyNoticeRecipientsResolver {
  @Authorized()
  @Query(() => Int, {
    description:
      "Privacy officers: how many customers a material policy change published now would notify (P-18) — the count the publication's notices go to. A count, never addresses.",
  })
  policyNoticeRecipients(@Ctx() context: Context): Promise<number> {
    return countNoticeRecipients(context.prisma);
  }
}
