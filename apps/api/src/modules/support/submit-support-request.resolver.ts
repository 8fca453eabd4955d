import { normalEmail, supportQuestionProblems } from "@privet/domain/form-rules";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
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
    // Every problem at once, each next to its field in the contact form, by the rule the form
    // checks first (@privet/domain/form-rules).
    validate.noProblems(supportQuestionProblems(input, customerId !== null));
    const subject = input.subject.trim();
    const message = input.message.trim();
    const given = input.replyTo?.trim() ? normalEmail(input.replyTo) : null;
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
