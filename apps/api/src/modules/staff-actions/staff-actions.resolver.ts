import type { Prisma } from "@privet/db/client";
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { pageSize } from "../../pagination/subject-cursor.js";
import { validateId } from "../../validation/validate-id.js";
import {
  StaffActionEntry,
  type StaffActionOutcome,
  StaffActionOutcomeValues,
} from "./staff-action.type.js";

const ACTION = /^[A-Za-z][A-Za-z0-9]{0,99}$/;

@Resolver()
export class StaffActionsResolver {
  @Authorized()
  @Query(() => [StaffActionEntry], {
    description:
      "Auditors, privacy and security officers: what staff did (every staff mutation, before and after it ran), newest first. `before`: an entry's id, for the next page.",
  })
  async staffActions(
    @Arg("first", () => Int, { defaultValue: 50 }) firstInput: number,
    @Arg("before", () => ID, { nullable: true }) beforeInput: string | null,
    @Arg("staffUserId", () => ID, { nullable: true }) staffUserIdInput: string | null,
    @Arg("action", () => String, { nullable: true }) actionInput: string | null,
    @Arg("outcome", () => StaffActionOutcomeValues, { nullable: true })
    outcome: StaffActionOutcome | null,
    @Ctx() context: Context,
  ): Promise<StaffActionEntry[]> {
    const first = pageSize("first", firstInput, 200);
    const where: Prisma.StaffActionWhereInput = {};
    if (beforeInput) where.id = { lt: validateId("before", beforeInput) };
    if (staffUserIdInput) where.staffUserId = validateId("staffUserId", staffUserIdInput);
    if (actionInput) {
      if (!ACTION.test(actionInput)) throw badInput("action", "Give a mutation's name.");
      where.action = actionInput;
    }
    if (outcome) where.outcome = outcome;
    const rows = await context.prisma.staffAction.findMany({
      where,
      orderBy: { id: "desc" },
      take: first,
    });
    // Names for the page's staff members, in one statement: people are shown by name.
    const staff = await context.prisma.staffUser.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.staffUserId))] } },
      select: { id: true, name: true },
    });
    const names = new Map(staff.map((s) => [s.id, s.name]));
    return rows.map((r) =>
      Object.assign(new StaffActionEntry(), {
        ...r,
        staffName: names.get(r.staffUserId) ?? null,
        arguments: JSON.stringify(r.arguments),
      }),
    );
  }
}
