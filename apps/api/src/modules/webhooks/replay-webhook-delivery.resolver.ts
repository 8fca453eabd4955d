/**
 * Replays a delivery that was delivered or failed: a new delivery row with the same message id
 * (`webhook-id`, so a partner that de-duplicates by it sees the same message) and the same
 * body, due at once. The original keeps its history.
 */
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { DELIVERY_COLUMNS, toWebhookDelivery, WebhookDelivery } from "./webhook-delivery.type.js";

@Resolver()
export class ReplayWebhookDeliveryResolver {
  @Authorized()
  @Mutation(() => WebhookDelivery, {
    description:
      "Administrator: sends a delivered or failed webhook again, as the same message (same webhook-id and body); returns the new delivery.",
  })
  async replayWebhookDelivery(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<WebhookDelivery> {
    const id = validateId("id", idInput);
    const now = context.request.now;
    const original = await context.prisma.webhookDelivery.findUnique({
      where: { id },
      include: { endpoint: { select: { disabledAt: true } } },
    });
    if (!original) throw new AppError("NOT_FOUND");
    if (original.status === "PENDING") {
      throw badInput(
        "id",
        "This delivery is still being tried: wait until it is delivered or has failed.",
      );
    }
    if (original.endpoint.disabledAt) {
      throw badInput("id", "This endpoint is disabled: nothing can be sent to it.");
    }
    const row = await context.prisma.webhookDelivery.create({
      data: {
        endpointId: original.endpointId,
        eventId: original.eventId,
        messageId: original.messageId,
        eventType: original.eventType,
        body: original.body,
        nextAttemptAt: now,
        createdAt: now,
      },
      select: DELIVERY_COLUMNS,
    });
    return toWebhookDelivery(row);
  }
}
