/**
 * Administrators manage staff accounts: invite (an emailed link to choose a password), change
 * a role, disable and re-enable, and reset a member's second factor. Each is a staff mutation,
 * so the staff-action plugin records it (attempt and outcome); a refusal is recorded too.
 */
import type { Prisma } from "@privet/db/client";
import { roleNeedsSecondFactor, type StaffRole } from "@privet/domain/principals";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { currentStaff } from "../../guards/current-staff.js";
import { toPageInfo } from "../../pagination/page-info.type.js";
import { pageSize } from "../../pagination/subject-cursor.js";
import { searchText } from "../../validation/search-text.js";
import * as validate from "../../validation/validate.js";
import { validateId } from "../../validation/validate-id.js";
import { StaffRoleValues } from "../../vocabulary/enums.js";
import { type AccountLinkKind, sendAccountLink } from "./account-links.js";
import { endSessions, keepAnAdministrator, lockAdministrators } from "./member-access.js";
import { InviteStaffMemberInput, StaffAccount } from "./staff-account.type.js";
import {
  openStaffCursor,
  STAFF_PAGE_SIZE,
  type StaffAccountOrder,
  StaffAccountOrderValues,
  StaffAccountPage,
  sealStaffCursor,
} from "./staff-account-page.js";
import { STAFF_ACCOUNT_COLUMNS, toStaffAccount } from "./to-staff-account.js";

@Resolver()
export class StaffAccountsResolver {
  @Authorized()
  @Query(() => [StaffAccount], {
    description: "Administrators: every staff account, by name.",
  })
  async staffAccounts(@Ctx() context: Context): Promise<StaffAccount[]> {
    const rows = await context.prisma.staffUser.findMany({
      select: STAFF_ACCOUNT_COLUMNS,
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    return rows.map(toStaffAccount);
  }

  @Authorized()
  @Query(() => StaffAccountPage, {
    description:
      "Administrators: staff accounts a page at a time, newest first or by name, those whose name or email contains `search` (an empty search: all). Pass the page's endCursor as `after` for the next, with the same order and search.",
  })
  async staffAccountPage(
    @Arg("order", () => StaffAccountOrderValues, { defaultValue: "NEWEST" })
    order: StaffAccountOrder,
    @Arg("search", () => String, { defaultValue: "" }) searchInput: string,
    @Arg("first", () => Int, { defaultValue: STAFF_PAGE_SIZE.default }) firstInput: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
  ): Promise<StaffAccountPage> {
    const search = searchText("search", searchInput, 0);
    const first = pageSize("first", firstInput, STAFF_PAGE_SIZE.max);
    const hashKey = context.config.hashKey;
    const at = openStaffCursor(after, order, search, hashKey);
    const matching: Prisma.StaffUserWhereInput = search
      ? {
          OR: [
            { name: { contains: search, mode: "insensitive" } },
            { email: { contains: search, mode: "insensitive" } },
          ],
        }
      : {};
    const past: Prisma.StaffUserWhereInput =
      at === null
        ? {}
        : at.order === "NEWEST"
          ? {
              OR: [
                { createdAt: { lt: at.createdAt } },
                { createdAt: at.createdAt, id: { lt: at.id } },
              ],
            }
          : { OR: [{ name: { gt: at.name } }, { name: at.name, id: { gt: at.id } }] };
    const rows = await context.prisma.staffUser.findMany({
      where: { AND: [matching, past] },
      select: STAFF_ACCOUNT_COLUMNS,
      orderBy:
        order === "NEWEST"
          ? [{ createdAt: "desc" }, { id: "desc" }]
          : [{ name: "asc" }, { id: "asc" }],
      take: first + 1,
    });
    const page = rows.slice(0, first);
    const last = page.at(-1);
    const hasNextPage = rows.length > first;
    const endCursor =
      last && hasNextPage
        ? sealStaffCursor(
            order === "NEWEST"
              ? { order, createdAt: last.createdAt, id: last.id }
              : { order, name: last.name, id: last.id },
            search,
            hashKey,
          )
        : null;
    return Object.assign(new StaffAccountPage(), {
      nodes: page.map(toStaffAccount),
      pageInfo: toPageInfo({ endCursor, hasNextPage }),
    });
  }

  @Authorized()
  @Mutation(() => StaffAccount, {
    description:
      "Administrators: invites a new staff member, who is emailed a one-time link (7 days) to choose a password.",
  })
  async inviteStaffMember(
    @Arg("input", () => InviteStaffMemberInput) input: InviteStaffMemberInput,
    @Ctx() context: Context,
  ): Promise<StaffAccount> {
    const name = validate.text("name", input.name, { min: 1, max: 200 });
    const email = validate.email("email", input.email);
    const member = await context.prisma
      .$transaction(async (tx) => {
        const created = await tx.staffUser.create({
          data: { name, email, role: input.role, createdAt: context.request.now },
          select: STAFF_ACCOUNT_COLUMNS,
        });
        await sendAccountLink(context, tx, created, "INVITATION");
        return created;
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === "P2002") throw new AppError("STAFF_EMAIL_TAKEN");
        throw error;
      });
    return toStaffAccount(member);
  }

  @Authorized()
  @Mutation(() => StaffAccount, {
    description:
      "Administrators: gives a member another role. The last active administrator keeps theirs; a member whose new role needs a second factor they have not set up is signed out.",
  })
  async changeStaffRole(
    @Arg("id", () => ID) idInput: string,
    @Arg("role", () => StaffRoleValues) role: StaffRole,
    @Ctx() context: Context,
  ): Promise<StaffAccount> {
    const id = validateId("id", idInput);
    return this.change(context, id, async (tx, member) => {
      if (member.role === "ADMINISTRATOR" && role !== "ADMINISTRATOR") {
        await keepAnAdministrator(tx, id);
      }
      if (roleNeedsSecondFactor(role) && !member.totpSecret) {
        await endSessions(tx, id, context.request.now);
      }
      return { role };
    });
  }

  @Authorized()
  @Mutation(() => StaffAccount, {
    description:
      "Administrators: disables a member's account; their sessions end at once. Not one's own, nor the last active administrator's.",
  })
  async disableStaffMember(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<StaffAccount> {
    const id = validateId("id", idInput);
    if (id === currentStaff(context).staffId) throw new AppError("CANNOT_CHANGE_OWN_ACCESS");
    return this.change(context, id, async (tx, member) => {
      if (member.role === "ADMINISTRATOR") await keepAnAdministrator(tx, id);
      await endSessions(tx, id, context.request.now);
      return { disabledAt: member.disabledAt ?? context.request.now };
    });
  }

  @Authorized()
  @Mutation(() => StaffAccount, {
    description: "Administrators: lets a disabled member sign in again.",
  })
  async enableStaffMember(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<StaffAccount> {
    const id = validateId("id", idInput);
    return this.change(context, id, async () => ({ disabledAt: null }));
  }

  @Authorized()
  @Mutation(() => StaffAccount, {
    description:
      "Administrators: removes a member's authenticator app (a lost phone); they set up a new one at their next sign-in, and are signed out now.",
  })
  async resetStaffSecondFactor(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<StaffAccount> {
    const id = validateId("id", idInput);
    return this.change(context, id, async (tx) => {
      await endSessions(tx, id, context.request.now);
      return { totpSecret: null, totpPendingSecret: null, totpEnrolledAt: null };
    });
  }

  @Authorized()
  @Mutation(() => StaffAccount, {
    description:
      "Administrators: emails an invited member (who has not chosen a password yet) a new one-time link (7 days); their earlier link stops working.",
  })
  async resendStaffInvitation(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<StaffAccount> {
    const id = validateId("id", idInput);
    return this.sendLink(context, id, "INVITATION");
  }

  @Authorized()
  @Mutation(() => StaffAccount, {
    description:
      "Administrators: emails an active member a one-time link (one hour) to choose a new password; their earlier links stop working, and their sessions end when the new password is set.",
  })
  async sendStaffPasswordReset(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<StaffAccount> {
    const id = validateId("id", idInput);
    return this.sendLink(context, id, "PASSWORD_RESET");
  }

  /**
   * An administrator's link: an invitation again only to a member still invited, a reset only
   * to an active one; never to a disabled account. Checked and sent in one transaction, under
   * a lock on the member's row, so a link is never sent to an account disabled meanwhile.
   */
  private async sendLink(
    context: Context,
    id: string,
    kind: AccountLinkKind,
  ): Promise<StaffAccount> {
    const row = await context.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "StaffUser" WHERE id = ${id}::uuid FOR UPDATE`;
      const member = await tx.staffUser.findUnique({
        where: { id },
        select: STAFF_ACCOUNT_COLUMNS,
      });
      if (!member) throw new AppError("NOT_FOUND");
      if (member.disabledAt) throw new AppError("STAFF_MEMBER_DISABLED");
      if (kind === "INVITATION" && member.passwordHash) throw new AppError("STAFF_ALREADY_ACTIVE");
      if (kind === "PASSWORD_RESET" && !member.passwordHash) throw new AppError("STAFF_NOT_ACTIVE");
      await sendAccountLink(context, tx, member, kind, {
        byAdministrator: kind === "PASSWORD_RESET",
      });
      return member;
    });
    return toStaffAccount(row);
  }

  /** Loads the member under the administrators' lock, applies the change, returns the account. */
  private async change(
    context: Context,
    id: string,
    decide: (
      tx: Prisma.TransactionClient,
      member: { role: StaffRole; disabledAt: Date | null; totpSecret: string | null },
    ) => Promise<Prisma.StaffUserUpdateInput>,
  ): Promise<StaffAccount> {
    const row = await context.prisma.$transaction(async (tx) => {
      await lockAdministrators(tx);
      const member = await tx.staffUser.findUnique({
        where: { id },
        select: { role: true, disabledAt: true, totpSecret: true },
      });
      if (!member) throw new AppError("NOT_FOUND");
      const data = await decide(tx, member);
      return tx.staffUser.update({ where: { id }, data, select: STAFF_ACCOUNT_COLUMNS });
    });
    return toStaffAccount(row);
  }
}
