/**
 * Staff approve drafted notices for sending after reviewing them (P-17): the ones named, or
 * every draft of the incident when none are named. Only drafts move; approving twice changes
 * nothing.
 */
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { checkBreachStatus } from "./breach-actions.js";
import { BreachIncident } from "./breach-incident.type.js";
import { loadBreachIncidents } from "./load-breach-incidents.js";

const MAX_IDS = 1000;

@Resolver()
export class ApproveBreachNoticesResolver {
  @Authorized()
  @Mutation(() => BreachIncident, {
    description:
      "Security or privacy officer: approve reviewed notices for sending — the ones named, or every draft of the incident.",
  })
  async approveBreachNotices(
    @Arg("incidentId", () => ID) incidentId: string,
    @Arg("noticeIds", () => [ID], { nullable: true }) noticeIds: string[] | null,
    @Ctx() context: Context,
  ): Promise<BreachIncident> {
    const id = validateId("incidentId", incidentId);
    if (noticeIds && (noticeIds.length === 0 || noticeIds.length > MAX_IDS)) {
      throw badInput("noticeIds", `Name from 1 to ${MAX_IDS} notices, or none for every draft.`);
    }
    const ids = noticeIds?.map((noticeId) => validateId("noticeIds", noticeId)) ?? null;
    const { prisma, request } = context;
    const exists = await prisma.breachIncident.findUnique({
      where: { id },
      select: { status: true },
    });
    if (!exists) throw new AppError("NOT_FOUND", "This breach incident could not be found.");
    checkBreachStatus("APPROVE_DRAFTS", exists.status);
    if (ids) {
      const found = await prisma.breachNotice.count({
        where: { incidentId: id, id: { in: ids } },
      });
      if (found !== new Set(ids).size) {
        throw badInput("noticeIds", "Some of these notices do not belong to this incident.");
      }
    }
    await prisma.breachNotice.updateMany({
      where: { incidentId: id, status: "DRAFT", ...(ids ? { id: { in: ids } } : {}) },
      data: { status: "APPROVED" },
    });
    const [incident] = await loadBreachIncidents(prisma, { id, first: 1 }, request.now);
    if (!incident) throw new AppError("NOT_FOUND", "This breach incident could not be found.");
    return incident;
  }
}
