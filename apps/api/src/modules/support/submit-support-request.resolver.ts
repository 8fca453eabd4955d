import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import * as validate from "../../validation/validate.js";
import { SubmitSupportRequestInput } from "./submit-support-request.input.js";
import { SupportRequestReceipt } from "./support-request.type.js";

@Resolver()
export class SubmitSupportRequestResolver {
  @Mutation(() => SupportRequestReceipt, {
    description:
      "Opens a support request from a signed-in customer, or from a visitor who gives a reply address (P-19).",
  })
  async submitSupportRequest(
    @Arg("input", () => SubmitSupportRequestInput) input: SubmitSupportRequestInput,
    @Ctx() context: Context,
  ): Promise<SupportRequestReceipt> {
    const { principal } = context.viewer;
    // The contact form is for customers and visitors; staff and partners have other channels.
    if (principal.kind === "staff" || principal.kind === "partner") {
      throw new AppError("FORBIDDEN");
    }
    const customerId = principal.kind === "customer" ? principal.subjectId : null;
    // Every problem at once, each next to its field in the contact form.
    const { subject, message, given } = validate.all({
      subject: () => validate.text("subject", input.subject, { max: 200 }),
      message: () => validate.text("message", input.message, { max: 5000 }),
      given: () => {
        if (input.replyTo?.trim()) return validate.email("replyTo", input.replyTo);
        if (!customerId) {
          throw badInput("replyTo", "Give an email address we can answer you at, or sign in.");
        }
        return null;
      },
    });
    // Visitors can call this without an account: count it per IP.
    if (!customerId)
      await context.limits.formsPerIp.take(
        `support-ip:${context.request.ip}`,
        context.request.now.getTime(),
      );

    const row = await context.prisma.supportRequest.create({
      data: {
        customerId,
        replyTo: given,
        subject,
        message,
        status: "OPEN",
        createdAt: context.request.now,
      },
      select: { id: true, status: true },
    });
    return Object.assign(new SupportRequestReceipt(), row);
  }
}
