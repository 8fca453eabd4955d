/**
 * A staff reply to a support request (P-19), in one transaction: the reply is stored, an email
 * carrying it is queued in the outbox (delivery is the outbox's job), and the request becomes
 * ANSWERED. The customer then reads it in the portal under their question; a visitor has only
 * the email, sent to the address they gave.
 *
 * Card numbers never reach this resolver: the input guard refuses them in every argument
 * (CARD_NUMBER_REJECTED, P-03). The staff action log keeps the request's id, never the text
 * (recordable-arguments.ts drops free text).
 */
import { isoDate } from "@privet/domain/clocks";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { currentStaff } from "../../guards/current-staff.js";
import { Multiline } from "../../validation/multiline.js";
import * as validate from "../../validation/validate.js";
import { validateId } from "../../validation/validate-id.js";
import { SupportRequest } from "./support-request.type.js";
import {
  reloadSupportRequest,
  type SupportRow,
  transitionSupportRequest,
} from "./support-transition.js";

export const REPLY_SUBJECT = "Our answer to your question";

/** Where the answer goes: the customer's account address, or the visitor's reply address. */
function addressOf(row: SupportRow): string {
  const address = row.customer ? (row.customer.erasedAt ? null : row.customer.email) : row.replyTo;
  if (!address) {
    throw new AppError(
      "BAD_USER_INPUT",
      "There is no address to answer at: the asker's data was erased.",
      { field: "id", reason: "NO_ADDRESS" },
    );
  }
  return address;
}

/** The email names the question by its date, never by what the asker wrote. */
function emailBody(row: SupportRow, reply: string, portalUrl: string): string {
  const parts = [`About your question of ${isoDate(row.createdAt)}:`, reply];
  if (row.customerId) {
    parts.push(`You can read this answer with your question in your account: ${portalUrl}/contact`);
  }
  return parts.join("\n\n");
}

@Resolver()
export class ReplyToSupportRequestResolver {
  @Authorized()
  @Mutation(() => SupportRequest, {
    description:
      "Support agent or privacy officer: answer a support request. The answer is emailed through the outbox and shown to the customer in the portal (P-19).",
  })
  async replyToSupportRequest(
    @Arg("id", () => ID) id: string,
    @Multiline()
    @Arg("body", () => String, { description: "At most 5,000 characters." })
    body: string,
    @Ctx() context: Context,
  ): Promise<SupportRequest> {
    const requestId = validateId("id", id);
    const text = validate.text("body", body, { max: 5000 });
    const staff = currentStaff(context);
    const now = context.request.now;
    await context.prisma.$transaction(async (tx) => {
      await transitionSupportRequest(tx, requestId, "REPLY", async (row) => {
        const email = await tx.outboxEmail.create({
          data: {
            kind: "SUPPORT_REPLY",
            customerId: row.customerId,
            toAddress: addressOf(row),
            subject: REPLY_SUBJECT,
            textBody: emailBody(row, text, context.config.portalUrl),
            status: "PENDING",
            createdAt: now,
          },
          select: { id: true },
        });
        await tx.supportReply.create({
          data: {
            requestId,
            staffUserId: staff.staffId,
            body: text,
            emailId: email.id,
            createdAt: now,
          },
        });
        return { answeredAt: now };
      });
    });
    return reloadSupportRequest(context.prisma, requestId);
  }
}
