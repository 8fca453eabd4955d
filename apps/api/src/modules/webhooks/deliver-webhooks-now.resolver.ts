import { Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { runWebhooks } from "./run-webhooks.js";
import { WebhookRunReport } from "./webhook-run-report.type.js";

@Resolver()
export class DeliverWebhooksNowResolver {
  @Authorized()
  @Mutation(() => WebhookRunReport, {
    description:
      "Administrator or privacy officer: runs the webhook outbox now (agreements lapsing, fan-out, deliveries due) instead of waiting for the background job.",
  })
  async deliverWebhooksNow(@Ctx() context: Context): Promise<WebhookRunReport> {
    const run = await runWebhooks(context.prisma, {
      hashKey: context.config.hashKey,
      privateAddresses: context.config.webhookPrivateAddresses,
      now: context.request.now,
    });
    return Object.assign(new WebhookRunReport(), run);
  }
}
