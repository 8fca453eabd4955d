/**
 * Staff choose their password through an emailed one-time link: the invitation's, or a reset
 * asked for on the console's sign-in page. Asking never says whether the address has an
 * account (the answer is the same, and the request is counted per IP either way). Setting a
 * password uses the link up, ends the member's other sessions, and is a staff action of
 * their own, written in the same transaction.
 */
import { recordStaffActions } from "@privet/db/audit";
import { hashPassword } from "@privet/db/passwords";
import { roleNeedsSecondFactor } from "@privet/domain/principals";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { hashToken } from "../../http/tokens.js";
import * as validate from "../../validation/validate.js";
import { sendAccountLink } from "./account-links.js";
import { endSessions } from "./member-access.js";
import { StaffPasswordSet } from "./staff-account.type.js";

/** A link's token: base64url, as randomToken() makes them; anything else is not one. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

@Resolver()
export class StaffPasswordLinksResolver {
  @Mutation(() => Boolean, {
    description:
      "The console's 'forgot password': emails a one-time link (one hour) if the address belongs to an enabled staff member. Always true: the answer never says whether it does.",
  })
  async requestStaffPasswordReset(
    @Arg("email", () => String) emailInput: string,
    @Ctx() context: Context,
  ): Promise<boolean> {
    const email = validate.email("email", emailInput);
    const { request } = context;
    await context.limits.formsPerIp.take(`staff-reset-ip:${request.ip}`, request.now.getTime());
    const member = await context.prisma.staffUser.findUnique({
      where: { email },
      select: { id: true, name: true, email: true, role: true, disabledAt: true },
    });
    if (!member || member.disabledAt) return true;
    await context.prisma.$transaction(async (tx) => {
      await sendAccountLink(context, tx, member, "PASSWORD_RESET");
      await recordStaffActions(tx, [
        {
          requestId: request.requestId,
          staffUserId: member.id,
          staffRole: member.role,
          action: "requestStaffPasswordReset",
          arguments: {},
          purpose: null,
          reference: null,
          outcome: "SUCCEEDED",
          errorCode: null,
        },
      ]);
    });
    return true;
  }

  @Mutation(() => StaffPasswordSet, {
    description:
      "Sets a staff member's password with the token of an emailed link (an invitation or a reset): once, before it expires. The password follows the one rule (@privet/domain/passwords).",
  })
  async setStaffPassword(
    @Arg("token", () => String) tokenInput: string,
    @Arg("password", () => String) passwordInput: string,
    @Ctx() context: Context,
  ): Promise<StaffPasswordSet> {
    const password = validate.password("password", passwordInput);
    const token = tokenInput.trim();
    if (!TOKEN_SHAPE.test(token)) throw new AppError("STAFF_LINK_INVALID");
    const { request } = context;
    // A cheap look first: a made-up token must not cost a password hash (scrypt at OWASP's
    // parameters is the expensive part of this request). The transaction checks again.
    const live = await context.prisma.staffAccountToken.count({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: request.now } },
    });
    if (live !== 1) throw new AppError("STAFF_LINK_INVALID");
    const passwordHash = await hashPassword(password, context.config.passwordHashing);
    const member = await context.prisma.$transaction(async (tx) => {
      const link = await tx.staffAccountToken.findUnique({
        where: { tokenHash: hashToken(token) },
        select: {
          id: true,
          kind: true,
          staffUser: { select: { id: true, email: true, role: true, disabledAt: true } },
        },
      });
      if (!link || link.staffUser.disabledAt) throw new AppError("STAFF_LINK_INVALID");
      // Used up only if still unused and unexpired: of two requests with one link, one wins.
      const { count } = await tx.staffAccountToken.updateMany({
        where: { id: link.id, usedAt: null, expiresAt: { gt: request.now } },
        data: { usedAt: request.now },
      });
      if (count !== 1) throw new AppError("STAFF_LINK_INVALID");
      const staff = link.staffUser;
      await tx.staffUser.update({ where: { id: staff.id }, data: { passwordHash } });
      await endSessions(tx, staff.id, request.now);
      await recordStaffActions(tx, [
        {
          requestId: request.requestId,
          staffUserId: staff.id,
          staffRole: staff.role,
          action: "setStaffPassword",
          arguments: { link: link.kind },
          purpose: null,
          reference: null,
          outcome: "SUCCEEDED",
          errorCode: null,
        },
      ]);
      return staff;
    });
    return Object.assign(new StaffPasswordSet(), {
      email: member.email,
      secondFactorRequired: roleNeedsSecondFactor(member.role),
    });
  }
}
