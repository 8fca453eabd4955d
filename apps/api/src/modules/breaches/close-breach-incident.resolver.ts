/**
 * Closes a breach incident (P-17) once its notification duty is done: every affected customer
 * who can be written to was sent a notice, or nobody was affected, so no notice is required
 * (closeRefusal in breach-actions.ts says which, in words, when not). A closed incident takes no
 * more drafting, approving or sending. The staff action log records the closing like every
 * staff mutation (staff-action-plugin.ts).
 */
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { closeRefusal } from "./breach-actions.js";
import { BreachIncident } from "./breach-incident.type.js";
import { loadBreachIncidents } from "./load-breach-incidents.js";

const NOT_FOUND = "This breach incident could not be found.";

@Resolver()
export class CloseBreachIncidentResolver {
  @Authorized()
  @Mutation(() => BreachIncident, {
    description:
      "Security or privacy officer: close an incident whose notices are all sent (or that affected nobody, so needs none). Refused, in words, while notices are still drafts, approved but unsent, or not yet drafted for affected customers (P-17).",
  })
  async closeBreachIncident(
    @Arg("incidentId", () => ID) incidentId: string,
    @Ctx() context: Context,
  ): Promise<BreachIncident> {
    const id = validateId("incidentId", incidentId);
    const { prisma, request } = context;
    const load = async () => {
      const [incident] = await loadBreachIncidents(prisma, { id, first: 1 }, request.now);
      if (!incident) throw new AppError("NOT_FOUND", NOT_FOUND);
      return incident;
    };
    const refuse = (incident: BreachIncident): never => {
      throw new AppError(
        "BAD_USER_INPUT",
        closeRefusal(incident) ??
          "The incident changed meanwhile. Look at it again, then close it.",
        { field: "incidentId", reason: "NOT_ALLOWED_IN_STATE", status: incident.status },
      );
    };
    const before = await load();
    if (!before.actions.includes("CLOSE")) refuse(before);
    // The check again, in the statement: a notice drafted or approved meanwhile keeps it open.
    const { count } = await prisma.breachIncident.updateMany({
      where: {
        id,
        status: { in: ["OPEN", "NOTIFYING"] },
        notices: {
          none: {
            OR: [{ status: "DRAFT" }, { status: "APPROVED", customer: { erasedAt: null } }],
          },
        },
      },
      data: { status: "CLOSED" },
    });
    const after = await load();
    if (count === 0) refuse(after);
    return after;
  }
}
