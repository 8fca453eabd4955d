import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { currentStaff } from "../../guards/current-staff.js";
import { SUPPORT_ROLES } from "./assign-support-request.resolver.js";
import { SupportStaffMember, toSupportStaffMember } from "./support-staff-member.type.js";

@Resolver()
export class SupportAssigneesResolver {
  @Authorized()
  @Query(() => [SupportStaffMember], {
    description:
      "Support agents and privacy officers: the staff members a support request can be assigned to, by name.",
  })
  async supportAssignees(@Ctx() context: Context): Promise<SupportStaffMember[]> {
    const rows = await context.prisma.staffUser.findMany({
      where: { disabledAt: null, role: { in: [...SUPPORT_ROLES] } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    const { staffId } = currentStaff(context);
    return rows.map((row) => toSupportStaffMember(row, staffId));
  }
}
