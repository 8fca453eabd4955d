/**
 * One-time links to the console's set-password page: an invitation (valid a week) or a
 * password reset (valid an hour). The token is random, stored only as its SHA-256, used once;
 * a new link of either kind retires the member's earlier unused ones. The email goes through
 * the outbox like every other (kind STAFF_ACCOUNT, no customer: the console's outbox never
 * lists it, so nobody reads the link there).
 */
import type { Prisma } from "@privet/db/client";
import { roleLabel } from "@privet/domain/labels";
import type { StaffRole } from "@privet/domain/principals";
import type { Context } from "../../context/context.js";
import { hashToken, randomToken } from "../../http/tokens.js";

export type AccountLinkKind = "INVITATION" | "PASSWORD_RESET";

export const LINK_LIFETIME_MS: Readonly<Record<AccountLinkKind, number>> = {
  INVITATION: 7 * 24 * 60 * 60 * 1000,
  PASSWORD_RESET: 60 * 60 * 1000,
};

interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: StaffRole;
}

/**
 * Writes a new link for the member and its email to the outbox, retiring the member's earlier
 * unused links. `byAdministrator`: a reset an administrator sent, which the email says.
 */
export async function sendAccountLink(
  context: Context,
  tx: Prisma.TransactionClient,
  member: Recipient,
  kind: AccountLinkKind,
  { byAdministrator = false }: { readonly byAdministrator?: boolean } = {},
): Promise<void> {
  const { now } = context.request;
  const token = randomToken();
  await tx.staffAccountToken.updateMany({
    where: { staffUserId: member.id, usedAt: null },
    data: { usedAt: now },
  });
  await tx.staffAccountToken.create({
    data: {
      staffUserId: member.id,
      kind,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS[kind]),
    },
  });
  const link = `${context.config.consoleUrl}/set-password?token=${token}`;
  const email =
    kind === "INVITATION"
      ? {
          subject: "Your invitation to the Privet console",
          textBody: [
            `Hello ${member.name},`,
            `You have been invited to the Privet console as ${roleLabel(member.role).toLowerCase()}. Choose your password here (the link works once, for 7 days):`,
            link,
            "If you did not expect this invitation, ignore this email.",
          ].join("\n\n"),
        }
      : {
          subject: "Reset your Privet console password",
          textBody: [
            `Hello ${member.name},`,
            byAdministrator
              ? "An administrator sent you this link to reset the password of your Privet console account. Choose a new password here (the link works once, for one hour; your current sessions end when you do):"
              : "Someone asked to reset the password of your Privet console account. Choose a new password here (the link works once, for one hour):",
            link,
            byAdministrator
              ? "If you did not expect it, ask your administrator: your password stays as it is until you choose a new one."
              : "If it was not you, ignore this email: your password stays as it is.",
          ].join("\n\n"),
        };
  await tx.outboxEmail.create({
    data: { kind: "STAFF_ACCOUNT", toAddress: member.email, status: "PENDING", ...email },
    select: { id: true },
  });
}
