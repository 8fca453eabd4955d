/**
 * A customer's one-time emailed links, on the staff accounts' pattern
 * (staff-accounts/account-links.ts): the token is random, stored only as its SHA-256, used once,
 * and expires; a new link of a kind retires the customer's earlier unused links of that kind.
 *
 * - VERIFY_EMAIL (48 hours): sent at registration and on request; following it marks the
 *   address verified.
 * - CHANGE_EMAIL (48 hours): sent to the new address; following it makes that address the
 *   account's (and verified), and the old address is told.
 * - PASSWORD_RESET (one hour): "Forgot your password?" on the portal's sign-in page.
 *
 * The emails go through the outbox as CUSTOMER_ACCOUNT with no customerId, so the console's
 * outbox (which lists emails with a customer) never shows a link to staff. The token is the only
 * thing in the link: no address, no id.
 */
import type { Prisma } from "@privet/db/client";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { hashToken, randomToken } from "../../http/tokens.js";

export type CustomerLinkKind = "VERIFY_EMAIL" | "CHANGE_EMAIL" | "PASSWORD_RESET";

export const CUSTOMER_LINK_LIFETIME_MS: Readonly<Record<CustomerLinkKind, number>> = {
  VERIFY_EMAIL: 48 * 60 * 60 * 1000,
  CHANGE_EMAIL: 48 * 60 * 60 * 1000,
  PASSWORD_RESET: 60 * 60 * 1000,
};

/** A link's token: base64url, as randomToken() makes them; anything else is not one. */
export const LINK_TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

const PAGE: Readonly<Record<CustomerLinkKind, string>> = {
  VERIFY_EMAIL: "/verify-email",
  CHANGE_EMAIL: "/verify-email",
  PASSWORD_RESET: "/reset-password",
};

interface Recipient {
  readonly id: string;
  readonly name: string;
}

function emailFor(kind: CustomerLinkKind, name: string, link: string) {
  switch (kind) {
    case "VERIFY_EMAIL":
      return {
        subject: "Confirm your email address for Privet",
        textBody: [
          `Hello ${name},`,
          "Please confirm that this is your email address by opening this link (it works once, for 48 hours):",
          link,
          "Until you do, we will not send marketing to this address. If you did not create a Privet account, ignore this email.",
        ].join("\n\n"),
      };
    case "CHANGE_EMAIL":
      return {
        subject: "Confirm your new email address for Privet",
        textBody: [
          `Hello ${name},`,
          "You asked to use this address for your Privet account. Open this link to confirm it (it works once, for 48 hours):",
          link,
          "Your account keeps its current address until you do. If you did not ask for this, ignore this email.",
        ].join("\n\n"),
      };
    case "PASSWORD_RESET":
      return {
        subject: "Reset your Privet password",
        textBody: [
          `Hello ${name},`,
          "Someone asked to reset the password of your Privet account. Choose a new password here (the link works once, for one hour; you will be signed out everywhere else when you do):",
          link,
          "If it was not you, ignore this email: your password stays as it is.",
        ].join("\n\n"),
      };
  }
}

/**
 * Writes a new link for the customer and its email to the outbox (to `toAddress`: the account's
 * address, or the new one for CHANGE_EMAIL), retiring their earlier unused links of that kind.
 */
export async function sendCustomerLink(
  context: Context,
  tx: Prisma.TransactionClient,
  customer: Recipient,
  kind: CustomerLinkKind,
  toAddress: string,
): Promise<void> {
  const { now } = context.request;
  const token = randomToken();
  await tx.customerAccountToken.updateMany({
    where: { customerId: customer.id, kind, usedAt: null },
    data: { usedAt: now },
  });
  await tx.customerAccountToken.create({
    data: {
      customerId: customer.id,
      kind,
      tokenHash: hashToken(token),
      newEmail: kind === "CHANGE_EMAIL" ? toAddress : null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CUSTOMER_LINK_LIFETIME_MS[kind]),
    },
  });
  const link = `${context.config.portalUrl}${PAGE[kind]}?token=${token}`;
  await tx.outboxEmail.create({
    data: {
      kind: "CUSTOMER_ACCOUNT",
      toAddress,
      status: "PENDING",
      ...emailFor(kind, customer.name, link),
    },
    select: { id: true },
  });
}

/** Tells the old address that the account's address changed (no link, no new address). */
export async function tellOldAddress(
  tx: Prisma.TransactionClient,
  name: string,
  oldAddress: string,
): Promise<void> {
  await tx.outboxEmail.create({
    data: {
      kind: "CUSTOMER_ACCOUNT",
      toAddress: oldAddress,
      status: "PENDING",
      subject: "The email address of your Privet account changed",
      textBody: [
        `Hello ${name},`,
        "The email address of your Privet account was just changed, and this address is no longer used for it.",
        "If you did not do this, contact us through the Contact page on the Privet site right away.",
      ].join("\n\n"),
    },
    select: { id: true },
  });
}

/** A cheap check that a token names a live link of these kinds, before any expensive work. */
export async function liveLinkExists(
  context: Context,
  token: string,
  kinds: readonly CustomerLinkKind[],
): Promise<boolean> {
  if (!LINK_TOKEN_SHAPE.test(token)) return false;
  const live = await context.prisma.customerAccountToken.count({
    where: {
      tokenHash: hashToken(token),
      kind: { in: [...kinds] },
      usedAt: null,
      expiresAt: { gt: context.request.now },
    },
  });
  return live === 1;
}

/**
 * Uses a link up inside the caller's transaction: only if still unused and unexpired, so of two
 * requests with one link, one wins. Throws ACCOUNT_LINK_INVALID otherwise.
 */
export async function useLink(
  context: Context,
  tx: Prisma.TransactionClient,
  token: string,
  kinds: readonly CustomerLinkKind[],
): Promise<{
  kind: CustomerLinkKind;
  newEmail: string | null;
  customer: { id: string; name: string; email: string; erasedAt: Date | null };
}> {
  if (!LINK_TOKEN_SHAPE.test(token)) throw new AppError("ACCOUNT_LINK_INVALID");
  const { now } = context.request;
  const link = await tx.customerAccountToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      kind: true,
      newEmail: true,
      customer: { select: { id: true, name: true, email: true, erasedAt: true } },
    },
  });
  if (!link || !kinds.includes(link.kind) || link.customer.erasedAt) {
    throw new AppError("ACCOUNT_LINK_INVALID");
  }
  const { count } = await tx.customerAccountToken.updateMany({
    where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) throw new AppError("ACCOUNT_LINK_INVALID");
  return { kind: link.kind, newEmail: link.newEmail, customer: link.customer };
}

/** Ends every live session of the customer except `keep` (the one making the request). */
export async function endCustomerSessions(
  tx: Prisma.TransactionClient,
  customerId: string,
  now: Date,
  keep: string | null,
): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: {
      customerId,
      revokedAt: null,
      expiresAt: { gt: now },
      ...(keep ? { id: { not: keep } } : {}),
    },
    data: { revokedAt: now },
  });
  return count;
}
