import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { loadPrivacyRequest, refuseTransition } from "./load-privacy-request.js";
import {
  PrivacyRequestQueueItem,
  QUEUE_ITEM_COLUMNS,
  toQueueItem,
} from "./privacy-request-queue-item.type.js";

@Resolver()
export class VerifyPrivacyRequestResolver {
  @Authorized()
  @Mutation(() => PrivacyRequestQueueItem, {
    description:
      "Privacy officer: the customer's identity was checked; RECEIVED → VERIFIED (stamped verifiedAt). Nothing is fulfilled before this.",
  })
  async verifyPrivacyRequest(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<PrivacyRequestQueueItem> {
    const request = await loadPrivacyRequest(context, idInput);
    if (request.status !== "RECEIVED") {
      throw refuseTransition(
        "NOT_RECEIVED",
        `Only a RECEIVED request can be verified (this one is ${request.status}).`,
      );
    }
    const now = context.request.now;
    // The status in the WHERE makes two officers verifying at once harmless: one wins.
    const { count } = await context.prisma.privacyRequest.updateMany({
      where: { id: request.id, status: "RECEIVED" },
      data: { status: "VERIFIED", verifiedAt: now },
    });
    if (count === 0) throw refuseTransition("NOT_RECEIVED", "The request changed meanwhile.");
    const row = await context.prisma.privacyRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: QUEUE_ITEM_COLUMNS,
    });
    return toQueueItem(row, now);
  }
}
