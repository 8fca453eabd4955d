import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { groupBy } from "../../context/loaders.js";
import { AppError } from "../../errors/app-error.js";
import { Classified } from "../../privacy/personal.js";
import { Customer } from "../accounts/public.js";
import {
  PRIVACY_REQUEST_COLUMNS,
  PrivacyRequest,
  toPrivacyRequest,
} from "./privacy-request.type.js";

@Resolver(() => Customer)
export class CustomerPrivacyRequestsResolver {
  /**
   * Owner only, for now. Staff will work requests from a queue of their own, under a purpose
   * and audited; opening them here on any customer record would let every staff role that can
   * look a customer up see what they asked for (a deletion request says a lot), with no purpose
   * declared. So staff reading a customer get null and FORBIDDEN (reason NOT_OWNER), and the
   * rest of their response stands.
   */
  @Classified("NON_PERSONAL")
  @FieldResolver(() => [PrivacyRequest], {
    nullable: true,
    description:
      "The customer's privacy requests, newest first. Only the customer themselves sees them (staff: FORBIDDEN).",
  })
  async privacyRequests(
    @Root() customer: Customer,
    @Ctx() context: Context,
  ): Promise<PrivacyRequest[]> {
    const { principal } = context.viewer;
    if (principal.kind !== "customer" || principal.subjectId !== customer.subjectId) {
      throw new AppError("FORBIDDEN", "Only the customer who made them sees their requests.", {
        reason: "NOT_OWNER",
      });
    }
    const rows = await context.loaders
      .get("privacyRequestsByCustomer", async (ids: readonly string[]) =>
        groupBy(
          ids,
          await context.prisma.privacyRequest.findMany({
            where: { customerId: { in: [...ids] } },
            // Ids are UUIDv7 (time-ordered): they settle requests received in one millisecond.
            orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
            select: PRIVACY_REQUEST_COLUMNS,
          }),
          (row) => row.customerId,
        ),
      )
      .load(customer.subjectId);
    return rows.map((row) => toPrivacyRequest(row, context.request.now));
  }
}
