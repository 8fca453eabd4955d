import { Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { requireStaff } from "../staff/require-staff.js";
import { deliverPendingEmails } from "./deliver-pending-emails.js";
import { DeliveryReport } from "./delivery-report.type.js";
import { EMAIL_ROLES } from "./email-roles.js";
import { createMailTransport } from "./mail-transport.js";

@Resolver()
export class DeliverOutboxResolver {
  @Mutation(() => DeliveryReport, {
    description:
      "Staff (privacy officers, administrators): deliver the pending outbox now through SMTP_URL. Without one nothing is sent (configured: false) and the mail stays in the outbox.",
  })
  async deliverOutbox(@Ctx() context: Context): Promise<DeliveryReport> {
    requireStaff(context, EMAIL_ROLES);
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
