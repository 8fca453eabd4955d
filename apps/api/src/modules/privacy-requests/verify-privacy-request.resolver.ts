import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { PrivacyRequestQueueItem } from "./privacy-request-queue-item.type.js";
import { transition } from "./transition.js";

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
    return transition(context, "verify", idInput, (_request, move) =>
      move(context.prisma, { verifiedAt: context.request.now }),
    );
  }
}
