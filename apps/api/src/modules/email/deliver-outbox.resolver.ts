import { Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { deliverPendingEmails } from "./deliver-pending-emails.js";
import { DeliveryReport } from "./delivery-report.type.js";
import { createMailTransport } from "./mail-transport.js";

@Resolver()
export class DeliverOutboxResolver {
  @Authorized()
  @Mutation(() => DeliveryReport, {
    description:
      "Staff (privacy officers, administrators): deliver the pending outbox now through SMTP_URL. Without one nothing is sent (configured: false) and the mail stays in the outbox.",
  })
  async deliverOutbox(@Ctx() context: Context): Promise<DeliveryReport> {
    const smtpUrl = context.config.smtpUrl;
    const transport = smtpUrl ? createMailTransport(smtpUrl, context.config.mailFrom) : null;
    try {
      const report = await deliverPendingEmails(context.prisma, transport);
      return Object.assign(new DeliveryReport(), report);
    } finally {
      transport?.close();
    }
  }
}
