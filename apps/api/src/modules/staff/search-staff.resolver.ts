/**
 * Choosing a staff member by name (break-glass grants, the audit trail's filters): active staff
 * whose name or email contains what was typed, by name. Staff names are not customer data;
 * who may search is the permission table's `searchStaff` entry.
 */
import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { matchCount, searchText } from "../../validation/search-text.js";
import { StaffMember } from "../accounts/public.js";

@Resolver()
export class SearchStaffResolver {
  @Authorized()
  @Query(() => [StaffMember], {
    description:
      "Staff members whose name or email contains `text`, by name (an empty text: the first by name), to choose one. Disabled accounts are left out.",
  })
  async searchStaff(
    @Arg("text", () => String, { defaultValue: "" }) textInput: string,
    @Arg("first", () => Int, { defaultValue: 8 }) firstInput: number,
    @Ctx() context: Context,
  ): Promise<StaffMember[]> {
    const text = searchText("text", textInput, 0);
    const first = matchCount("first", firstInput);
    const rows = await context.prisma.staffUser.findMany({
      where: {
        disabledAt: null,
        ...(text
          ? {
              OR: [
                { name: { contains: text, mode: "insensitive" as const } },
                { email: { contains: text, mode: "insensitive" as const } },
              ],
            }
          : {}),
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: first,
      select: { id: true, name: true, role: true },
    });
    return rows.map((row) => Object.assign(new StaffMember(), row));
  }
}
