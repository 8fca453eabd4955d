import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { validateId } from "../../validation/validate-id.js";
import { toWebhookEndpoint, WebhookEndpoint } from "./webhook-endpoint.type.js";

@Resolver()
export class WebhookEndpointsResolver {
  @Authorized()
  @Query(() => [WebhookEndpoint], {
    description:
      "Administrator or privacy officer: a processor's webhook endpoints, newest first (disabled ones too).",
  })
  async webhookEndpoints(
    @Arg("processorId", () => ID) processorIdInput: string,
    @Ctx() context: Context,
  ): Promise<WebhookEndpoint[]> {
    const processorId = validateId("processorId", processorIdInput);
    const rows = await context.prisma.webhookEndpoint.findMany({
      where: { processorId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    return rows.map(toWebhookEndpoint);
  }
}
