import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { requireCustomer } from "../../guards/require-customer.js";
import { SupportRequest, toSupportRequest } from "./support-request.type.js";

/** At most this many questions are listed (newest first); plenty for one person. */
const MAX_OWN = 100;

@Resolver()
export class MySupportRequestsResolver {
  @Query(() => [SupportRequest], {
    description:
      "The signed-in customer's own support questions with the answers staff sent, newest first (P-19).",
  })
  async mySupportRequests(@Ctx() context: Context): Promise<SupportRequest[]> {
    const customerId = requireCustomer(context);
    const rows = await context.prisma.supportRequest.findMany({
      where: { customerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MAX_OWN,
    });
    return rows.map(toSupportRequest);
  }
}
