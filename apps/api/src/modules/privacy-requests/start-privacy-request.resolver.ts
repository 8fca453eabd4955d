import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { loadPrivacyRequest, refuseTransition } from "./load-privacy-request.js";
import {
  PrivacyRequestQueueItem,
  QUEUE_ITEM_COLUMNS,
  toQueueItem,
} from "./privacy-request-queue-item.type.js";

@Resolver()
export class StartPrivacyRequestResolver {
  @Authorized()
  @Mutation(() => PrivacyRequestQueueItem, {
    description:
      "Privacy officer: work on a verified request has begun; VERIFIED → IN_PROGRESS, so the queue and the customer's portal show it is being handled. It can then be extended, fulfilled or rejected as before.",
  })
  async startPrivacyRequest(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<PrivacyRequestQueueItem> {
    const request = await loadPrivacyRequest(context, idInput);
    if (request.status !== "VERIFIED") throw cannotStart(request.status);
    // The status in the WHERE: two officers starting at once change it once.
    const { count } = await context.prisma.privacyRequest.updateMany({
      where: { id: request.id, status: "VERIFIED" },
      data: { status: "IN_PROGRESS" },
    });
    if (count === 0) throw refuseTransition("ALREADY_STARTED", "The request changed meanwhile.");
    const row = await context.prisma.privacyRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: QUEUE_ITEM_COLUMNS,
    });
    return toQueueItem(row, context.request.now);
  }
}

/** Why a request in this state cannot be started, as a reason a client can act on. */
function cannotStart(status: string) {
  switch (status) {
    case "RECEIVED":
      return refuseTransition(
        "NOT_VERIFIED",
        "Verify the customer's identity before starting work.",
      );
    case "IN_PROGRESS":
      return refuseTransition("ALREADY_STARTED", "Work on this request has already started.");
    default:
      return refuseTransition("CLOSED", `This request is already ${status}.`);
  }
}
