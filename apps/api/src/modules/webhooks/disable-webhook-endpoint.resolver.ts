/**
 * Disables an endpoint: no new event is fanned out to it, and its deliveries still pending are
 * not sent (they are marked FAILED, saying why), so a URL the processor gave up stops at once.
 */
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { toWebhookEndpoint, WebhookEndpoint } from "./webhook-endpoint.type.js";

export const DISABLED_ERROR = "Not sent: the endpoint was disabled.";

@Resolver()
export class DisableWebhookEndpointResolver {
  @Authorized()
  @Mutation(() => WebhookEndpoint, {
    description:
      "Administrator: disables a webhook endpoint; nothing more is sent to it. A second call keeps the first time.",
  })
  async disableWebhookEndpoint(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<WebhookEndpoint> {
    const id = validateId("id", idInput);
    const now = context.request.now;
    const row = await context.prisma.$transaction(async (tx) => {
      await tx.webhookEndpoint.updateMany({
        where: { id, disabledAt: null },
        data: { disabledAt: now },
      });
      await tx.webhookDelivery.updateMany({
        where: { endpointId: id, status: "PENDING" },
        data: { status: "FAILED", lastError: DISABLED_ERROR, claimedUntil: null },
      });
      return tx.webhookEndpoint.findUnique({ where: { id } });
    });
    if (!row) throw new AppError("NOT_FOUND");
    return toWebhookEndpoint(row);
  }
}
