import { isStaffAction, type TimeOrder } from "@privet/domain/staff-actions";
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { pageSize } from "../../pagination/subject-cursor.js";
import { validateId } from "../../validation/validate-id.js";
import { TimeOrderValues } from "../../vocabulary/enums.js";
import {
  StaffActionEntry,
  type StaffActionOutcome,
  StaffActionOutcomeValues,
} from "./staff-action.type.js";
import {
  type StaffActionPageQuery,
  type StaffActionRow,
  staffActionPageStatement,
} from "./staff-actions-statement.js";

@Resolver()
export class StaffActionsResolver {
  @Authorized()
  @Query(() => [StaffActionEntry], {
    description:
      "Auditors, privacy and security officers: what staff did (every staff mutation, before and after it ran), newest first (or oldest first: `order`), by time and then id. `after`: the last entry of the previous page (its id), read in the same order. Each page walks an index on time (or on action and time) from that entry, so it costs the same however long the log.",
  })
  async staffActions(
    @Arg("first", () => Int, { defaultValue: 50 }) firstInput: number,
    @Arg("before", () => ID, {
      nullable: true,
      deprecationReason: "Use `after`, which pages in either order.",
    })
    beforeInput: string | null,
    @Arg("after", () => ID, {
      nullable: true,
      description:
        "The last entry of the previous page, in the same order: the page goes on from it.",
    })
    afterInput: string | null,
    @Arg("order", () => TimeOrderValues, { defaultValue: "NEWEST_FIRST" }) order: TimeOrder,
    @Arg("staffUserId", () => ID, { nullable: true }) staffUserIdInput: string | null,
    @Arg("action", () => String, { nullable: true }) actionInput: string | null,
    @Arg("outcome", () => StaffActionOutcomeValues, { nullable: true })
    outcome: StaffActionOutcome | null,
    @Ctx() context: Context,
  ): Promise<StaffActionEntry[]> {
    const first = pageSize("first", firstInput, 200);
    const newest = order === "NEWEST_FIRST";
    if (beforeInput && (afterInput || !newest)) {
      throw badInput("before", "Page on with the last entry shown (`after`).");
    }
    const cursorField = beforeInput ? "before" : "after";
    const cursorId = beforeInput ?? afterInput;
    let from: StaffActionPageQuery["after"] = null;
    if (cursorId) {
      const id = validateId(cursorField, cursorId);
      // By id alone (the key is id and month): one index probe per monthly partition.
      const entry = await context.prisma.staffAction.findFirst({
        where: { id },
        select: { id: true, occurredAt: true },
      });
      if (!entry) {
        throw badInput(cursorField, "That page of the log is no longer there: start again.");
      }
      from = entry;
    }
    const staffUserId = staffUserIdInput ? validateId("staffUserId", staffUserIdInput) : null;
    if (actionInput && !isStaffAction(actionInput)) {
      throw badInput("action", "Choose an action from the list.");
    }
    const rows = await context.prisma.$queryRaw<StaffActionRow[]>(
      staffActionPageStatement({
        staffUserId,
        action: actionInput || null,
        outcome,
        after: from,
        order,
        limit: first,
      }),
    );
    return rows.map((r) =>
      Object.assign(new StaffActionEntry(), {
        ...r,
        staffRole: r.staffRole as StaffActionEntry["staffRole"],
        purpose: r.purpose as StaffActionEntry["purpose"],
        outcome: r.outcome as StaffActionOutcome,
        occurredAt: new Date(r.occurredAt),
        arguments: JSON.stringify(r.arguments),
      }),
    );
  }
}
