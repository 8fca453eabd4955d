import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { DELIVERY_COLUMNS, toWebhookDelivery, WebhookDelivery } from "./webhook-delivery.type.js";

const MAX_PAGE = 100;
const MAX_OFFSET = 10_000;

@Resolver()
export class WebhookDeliveriesResolver {
  @Authorized()
  @Query(() => [WebhookDelivery], {
    description:
      "Administrator or privacy officer: an endpoint's deliveries, newest first, a page at a time (`first` from `offset`).",
  })
  async webhookDeliveries(
    @Arg("endpointId", () => ID) endpointIdInput: string,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset: number,
    @Ctx() context: Context,
  ): Promise<WebhookDelivery[]> {
    const endpointId = validateId("endpointId", endpointIdInput);
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw badInput("first", `first must be between 1 and ${MAX_PAGE}.`);
    }
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
      throw badInput("offset", `offset must be between 0 and ${MAX_OFFSET}.`);
    }
    const rows = await context.prisma.webhookDelivery.findMany({
      where: { endpointId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: offset,
      take: first,
      select: DELIVERY_COLUMNS,
    });
    return rows.map(toWebhookDelivery);
  }
}
