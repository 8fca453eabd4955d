/**
 * A customer's account basics: verifying the address, resetting a forgotten password by an
 * emailed link, changing the address (confirmed from the new one) or the password, and the
 * sessions they are signed in with. The links are account-links.ts's.
 *
 * An unverified account may sign in and use the portal as any other; its address is not used for
 * marketing until verified (queue-campaign.ts), as the confirmation email says.
 */
import { hashPassword } from "@privet/db/passwords";
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { requireCustomer } from "../../guards/require-customer.js";
import { Classified } from "../../privacy/personal.js";
import * as validate from "../../validation/validate.js";
import { verifyAccountPassword } from "./account.resolver.js";
import {
  endCustomerSessions,
  liveLinkExists,
  sendCustomerLink,
  tellOldAddress,
  useLink,
} from "./account-links.js";
import { Customer } from "./customer.type.js";
import { DeviceSession } from "./session.type.js";

@ObjectType({ description: "What following an emailed address link did." })
export class EmailConfirmation {
  @Classified("NON_PERSONAL")
  @Field(() => Boolean, {
    description: "True when the link changed the account's address; false when it verified it.",
  })
  changed!: boolean;
}

/** Checks the signed-in customer's current password, counted like a sign-in attempt. */
async function checkCurrentPassword(
  context: Context,
  customerId: string,
  password: string,
): Promise<{ id: string; name: string; email: string }> {
  const row = await context.prisma.customer.findUnique({ where: { id: customerId } });
  if (!row || row.erasedAt) throw new AppError("UNAUTHENTICATED");
  if (typeof password !== "string" || password.length === 0 || password.length > 1000) {
    throw badInput("currentPassword", "Enter your current password.");
  }
  const { ok, attempt } = await verifyAccountPassword(
    context,
    "customer",
    row.email,
    row,
    password,
  );
  if (!ok) throw new AppError("CURRENT_PASSWORD_WRONG", undefined, { field: "currentPassword" });
  await attempt.succeeded(row.id);
  return row;
}

@Resolver(() => Customer)
export class CustomerAccountResolver {
  @Classified("NON_PERSONAL")
  @FieldResolver(() => Boolean, {
    description: "Whether the address was confirmed by an emailed link (marketing waits for it).",
  })
  async emailVerified(@Root() customer: Customer, @Ctx() context: Context): Promise<boolean> {
    const rows = await context.loaders
      .get("emailVerifiedByCustomer", async (ids: readonly string[]) => {
        const found = await context.prisma.customer.findMany({
          where: { id: { in: [...ids] } },
          select: { id: true, emailVerifiedAt: true },
        });
        const verified = new Map(found.map((row) => [row.id, row.emailVerifiedAt !== null]));
        return ids.map((id) => verified.get(id) ?? false);
      })
      .load(customer.subjectId);
    return rows;
  }

  @Classified("NON_PERSONAL")
  @FieldResolver(() => [DeviceSession], {
    description:
      "The sessions the customer is signed in with now (not ended, not expired), most recently used first.",
  })
  async activeSessions(
    @Root() customer: Customer,
    @Ctx() context: Context,
  ): Promise<DeviceSession[]> {
    const rows = await context.prisma.session.findMany({
      where: {
        customerId: customer.subjectId,
        revokedAt: null,
        expiresAt: { gt: context.request.now },
      },
      orderBy: { lastSeenAt: "desc" },
    });
    return rows.map((row) =>
      Object.assign(new DeviceSession(), {
        id: row.id,
        subjectId: customer.subjectId,
        ipAddress: row.ipAddress,
        browser: row.browser,
        os: row.os,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        current: row.id === context.viewer.session?.id,
      }),
    );
  }

  @Mutation(() => Boolean, {
    description:
      "Emails the signed-in customer a new link to verify their address (48 hours); earlier links stop working.",
  })
  async resendEmailVerification(@Ctx() context: Context): Promise<boolean> {
    const customerId = requireCustomer(context);
    const { request } = context;
    await context.limits.formsPerIp.take(`verify-email-ip:${request.ip}`, request.now.getTime());
    const row = await context.prisma.customer.findUnique({
      where: { id: customerId },
      select: { id: true, name: true, email: true, emailVerifiedAt: true },
    });
    if (!row) throw new AppError("UNAUTHENTICATED");
    if (row.emailVerifiedAt) throw new AppError("EMAIL_ALREADY_VERIFIED");
    await context.prisma.$transaction((tx) =>
      sendCustomerLink(context, tx, row, "VERIFY_EMAIL", row.email),
    );
    return true;
  }

  @Mutation(() => EmailConfirmation, {
    description:
      "Follows an emailed address link: verifies the address, or makes the new address the account's (and tells the old one). Once, before it expires; no sign-in needed.",
  })
  async confirmEmail(
    @Arg("token", () => String) tokenInput: string,
    @Ctx() context: Context,
  ): Promise<EmailConfirmation> {
    const token = tokenInput.trim();
    const { now } = context.request;
    const changed = await context.prisma
      .$transaction(async (tx) => {
        const link = await useLink(context, tx, token, ["VERIFY_EMAIL", "CHANGE_EMAIL"]);
        if (link.kind === "CHANGE_EMAIL" && link.newEmail) {
          await tx.customer.update({
            where: { id: link.customer.id },
            data: { email: link.newEmail, emailVerifiedAt: now },
          });
          await tellOldAddress(tx, link.customer.name, link.customer.email);
          return true;
        }
        await tx.customer.updateMany({
          where: { id: link.customer.id, emailVerifiedAt: null },
          data: { emailVerifiedAt: now },
        });
        return false;
      })
      .catch((error: unknown) => {
        // The new address was taken by another account since the link was sent.
        if ((error as { code?: string }).code === "P2002") throw new AppError("EMAIL_UNAVAILABLE");
        throw error;
      });
    return Object.assign(new EmailConfirmation(), { changed });
  }

  @Mutation(() => Boolean, {
    description:
      "The portal's 'Forgot your password?': emails a one-time link (one hour) if the address belongs to a customer. Always true: the answer never says whether it does. Counted per IP.",
  })
  async requestPasswordReset(
    @Arg("email", () => String) emailInput: string,
    @Ctx() context: Context,
  ): Promise<boolean> {
    const email = validate.email("email", emailInput);
    const { request } = context;
    await context.limits.formsPerIp.take(`customer-reset-ip:${request.ip}`, request.now.getTime());
    const customer = await context.prisma.customer.findUnique({
      where: { email },
      select: { id: true, name: true, email: true, erasedAt: true },
    });
    if (!customer || customer.erasedAt) return true;
    await context.prisma.$transaction((tx) =>
      sendCustomerLink(context, tx, customer, "PASSWORD_RESET", customer.email),
    );
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      "Sets a new password with the token of an emailed reset link: once, within the hour. Ends every other session of the account; the link also proves the address, so it is verified.",
  })
  async resetPassword(
    @Arg("token", () => String) tokenInput: string,
    @Arg("password", () => String) passwordInput: string,
    @Ctx() context: Context,
  ): Promise<boolean> {
    const password = validate.password("password", passwordInput);
    const token = tokenInput.trim();
    // A cheap look first: a made-up token must not cost a password hash.
    if (!(await liveLinkExists(context, token, ["PASSWORD_RESET"]))) {
      throw new AppError("ACCOUNT_LINK_INVALID");
    }
    const passwordHash = await hashPassword(password, context.config.passwordHashing);
    const { now } = context.request;
    await context.prisma.$transaction(async (tx) => {
      const link = await useLink(context, tx, token, ["PASSWORD_RESET"]);
      await tx.customer.update({ where: { id: link.customer.id }, data: { passwordHash } });
      await tx.customer.updateMany({
        where: { id: link.customer.id, emailVerifiedAt: null },
        data: { emailVerifiedAt: now },
      });
      const keep =
        context.viewer.principal.kind === "customer" &&
        context.viewer.principal.subjectId === link.customer.id
          ? (context.viewer.session?.id ?? null)
          : null;
      await endCustomerSessions(tx, link.customer.id, now, keep);
    });
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      "Changes the signed-in customer's password: the current one is required (counted like a sign-in). Ends the account's other sessions.",
  })
  async changePassword(
    @Arg("currentPassword", () => String) currentPassword: string,
    @Arg("newPassword", () => String) newPasswordInput: string,
    @Ctx() context: Context,
  ): Promise<boolean> {
    const customerId = requireCustomer(context);
    const newPassword = validate.password("newPassword", newPasswordInput);
    await checkCurrentPassword(context, customerId, currentPassword);
    const passwordHash = await hashPassword(newPassword, context.config.passwordHashing);
    const { now } = context.request;
    await context.prisma.$transaction(async (tx) => {
      await tx.customer.update({ where: { id: customerId }, data: { passwordHash } });
      await endCustomerSessions(tx, customerId, now, context.viewer.session?.id ?? null);
    });
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      "Asks to change the signed-in customer's address: the current password is required, and a link (48 hours) goes to the new address; the change takes effect when it is followed. Always true for a valid request: it never says whether another account uses the address.",
  })
  async requestEmailChange(
    @Arg("newEmail", () => String) newEmailInput: string,
    @Arg("currentPassword", () => String) currentPassword: string,
    @Ctx() context: Context,
  ): Promise<boolean> {
    const customerId = requireCustomer(context);
    const newEmail = validate.email("newEmail", newEmailInput);
    const customer = await checkCurrentPassword(context, customerId, currentPassword);
    if (newEmail === customer.email) {
      throw badInput("newEmail", "This is already your email address.");
    }
    const { request } = context;
    await context.limits.formsPerIp.take(`email-change-ip:${request.ip}`, request.now.getTime());
    const taken = await context.prisma.customer.count({ where: { email: newEmail } });
    // Taken: nothing is sent, and the answer is the same (no enumeration of addresses).
    if (taken > 0) return true;
    await context.prisma.$transaction((tx) =>
      sendCustomerLink(context, tx, customer, "CHANGE_EMAIL", newEmail),
    );
    return true;
  }

  @Mutation(() => Int, {
    description:
      "Signs the customer out of every session but this one; returns how many were ended.",
  })
  async signOutOtherSessions(@Ctx() context: Context): Promise<number> {
    const customerId = requireCustomer(context);
    return endCustomerSessions(
      context.prisma,
      customerId,
      context.request.now,
      context.viewer.session?.id ?? null,
    );
  }
}
