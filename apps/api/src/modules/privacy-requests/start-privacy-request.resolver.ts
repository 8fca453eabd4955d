import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { PrivacyRequestQueueItem } from "./privacy-request-queue-item.type.js";
import { transition } from "./transition.js";

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
    return transition(context, "start", idInput, (_request, move) => move(context.prisma));
  }
}
