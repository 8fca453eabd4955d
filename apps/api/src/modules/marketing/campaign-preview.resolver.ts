/**
 * Before a campaign goes out (P-08): the recipient count from the very query the send uses
 * (forEachCampaignRecipientBatch), the email as it arrives (campaignEmail, the send's own
 * rendering), and a test email to the sender alone, through the outbox like every email.
 */
import { randomUUID } from "node:crypto";
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { currentStaff } from "../../guards/current-staff.js";
import { campaignEmail } from "./campaign-email.js";
import { CampaignPreview, CampaignTestEmail } from "./campaign-preview.type.js";
import { validateCampaign } from "./campaign-validation.js";
import { countCampaignRecipients } from "./queue-campaign.js";
import { SendCampaignInput } from "./send-campaign.input.js";

/** No email has this id: the preview's unsubscribe link is shaped like the real ones, inert. */
const PREVIEW_EMAIL_ID = "00000000-0000-0000-0000-000000000000";
export const TEST_SUBJECT_PREFIX = "[Test] ";

@Resolver()
export class CampaignPreviewResolver {
  @Authorized()
  @Query(() => CampaignPreview, {
    description:
      "Privacy officers and administrators: a campaign as it would go out now — recipient count and rendered email. Sends nothing.",
  })
  async campaignPreview(
    @Arg("input", () => SendCampaignInput) input: SendCampaignInput,
    @Ctx() context: Context,
  ): Promise<CampaignPreview> {
    const valid = validateCampaign(input);
    const recipients = await context.prisma.$transaction((tx) => countCampaignRecipients(tx));
    const email = campaignEmail(valid, PREVIEW_EMAIL_ID, context.config);
    return Object.assign(new CampaignPreview(), {
      recipients,
      subject: email.subject,
      textBody: email.textBody,
    });
  }

  @Authorized()
  @Mutation(() => CampaignTestEmail, {
    description:
      "Privacy officers and administrators: queues the campaign once, to the signed-in staff member's own address only, subject marked [Test]. No campaign is recorded.",
  })
  async sendCampaignTest(
    @Arg("input", () => SendCampaignInput) input: SendCampaignInput,
    @Ctx() context: Context,
  ): Promise<CampaignTestEmail> {
    const valid = validateCampaign(input);
    const { staffId } = currentStaff(context);
    const staff = await context.prisma.staffUser.findUniqueOrThrow({
      where: { id: staffId },
      select: { email: true },
    });
    const id = randomUUID();
    const email = campaignEmail(
      { ...valid, subject: `${TEST_SUBJECT_PREFIX}${valid.subject}` },
      id,
      context.config,
    );
    // No customer: the footer's link, followed, finds no consent to withdraw.
    await context.prisma.outboxEmail.create({
      data: {
        id,
        kind: "CAMPAIGN",
        toAddress: staff.email,
        ...email,
        createdAt: context.request.now,
      },
    });
    return Object.assign(new CampaignTestEmail(), { queued: true, subject: email.subject });
  }
}
