import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { toCampaign } from "./campaign.type.js";
import { validateCampaign } from "./campaign-validation.js";
import { queueCampaign } from "./queue-campaign.js";
import { SendCampaignInput } from "./send-campaign.input.js";
import { SendCampaignPayload } from "./send-campaign.payload.js";

/** Queueing an email per consenting customer can take a while on a large customer base. */
const SEND_TIMEOUT_MS = 120_000;

@Resolver()
export class SendCampaignResolver {
  @Authorized()
  @Mutation(() => SendCampaignPayload, {
    description:
      "Privacy officers and administrators: creates a marketing campaign and queues it for every customer whose marketing consent is given now (P-08). Each email carries a one-click unsubscribe link and List-Unsubscribe headers. Returns a count, never addresses.",
  })
  async sendCampaign(
    @Arg("input", () => SendCampaignInput) input: SendCampaignInput,
    @Ctx() context: Context,
  ): Promise<SendCampaignPayload> {
    const valid = validateCampaign(input);
    const now = context.request.now;
    const { campaign, emailsQueued } = await context.prisma.$transaction(
      async (tx) => {
        const campaign = await tx.campaign.create({
          data: { ...valid, createdAt: now, sentAt: now },
        });
        const emailsQueued = await queueCampaign(tx, campaign, context.config, now);
        return { campaign, emailsQueued };
      },
      { timeout: SEND_TIMEOUT_MS },
    );
    return Object.assign(new SendCampaignPayload(), {
      campaign: toCampaign(campaign, emailsQueued),
      emailsQueued,
    });
  }
}
