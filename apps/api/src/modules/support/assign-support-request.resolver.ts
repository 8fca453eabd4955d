/**
 * Assigns a support request to a staff member who works the queue (chosen by name in the
 * console, or "assign to me"), or to nobody. The state stays; a closed request is reopened
 * first. Recorded in the staff action log with both ids.
 */
import { staffRolesFor } from "@privet/domain/permissions";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { SupportRequest } from "./support-request.type.js";
import { reloadSupportRequest, transitionSupportRequest } from "./support-transition.js";

/** Who may be assigned: whoever may work the queue, from the permission table. */
export const SUPPORT_ROLES = staffRolesFor("supportRequests") ?? [];

@Resolver()
export class AssignSupportRequestResolver {
  @Authorized()
  @Mutation(() => SupportRequest, {
    description:
      "Support agent or privacy officer: give a support request to a staff member who works the queue, or to nobody (null).",
  })
  async assignSupportRequest(
    @Arg("id", () => ID) id: string,
    @Arg("staffUserId", () => ID, { nullable: true }) staffUserId: string | null,
    @Ctx() context: Context,
  ): Promise<SupportRequest> {
    const requestId = validateId("id", id);
    const assigneeId = staffUserId ? validateId("staffUserId", staffUserId) : null;
    await context.prisma.$transaction(async (tx) => {
      await transitionSupportRequest(tx, requestId, "ASSIGN", async () => {
        if (assigneeId) {
          const assignee = await tx.staffUser.findFirst({
            where: { id: assigneeId, disabledAt: null, role: { in: [...SUPPORT_ROLES] } },
            select: { id: true },
          });
          if (!assignee) {
            throw badInput("staffUserId", "Choose a staff member who works the support queue.");
          }
        }
        return { assigneeId };
      });
    });
    return reloadSupportRequest(context.prisma, requestId);
  }
}
