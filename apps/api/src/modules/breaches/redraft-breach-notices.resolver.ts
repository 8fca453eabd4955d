/**
 * Finds an incident's affected customers again and drafts a notice for each who has none yet
 * (P-17): for an incident recorded without its notices (the demo data's, or one imported), or
 * after more of the affected data has come to light. Notices already drafted, approved or sent
 * are left as they are; the California count and the Attorney General flag are recomputed.
 */
import { type DataCategory, isDataCategory } from "@privet/domain/taxonomy";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { checkBreachStatus } from "./breach-actions.js";
import { BreachIncident } from "./breach-incident.type.js";
import { BREACH_TRANSACTION } from "./breach-transaction.js";
import { draftBreachNotices } from "./draft-breach-notices.js";
import { loadBreachIncidents } from "./load-breach-incidents.js";

@Resolver()
export class RedraftBreachNoticesResolver {
  @Authorized()
  @Mutation(() => BreachIncident, {
    description:
      "Security or privacy officer: find the incident's affected customers again and draft a notice for each who has none yet (P-17).",
  })
  async draftBreachNotices(
    @Arg("incidentId", () => ID) incidentId: string,
    @Ctx() context: Context,
  ): Promise<BreachIncident> {
    const id = validateId("incidentId", incidentId);
    const { prisma, request } = context;
    await prisma.$transaction(async (tx) => {
      const incident = await tx.breachIncident.findUnique({ where: { id } });
      if (!incident) throw new AppError("NOT_FOUND", "This breach incident could not be found.");
      checkBreachStatus("DRAFT_NOTICES", incident.status);
      // Stored categories were validated when recorded; anything else is ignored, not trusted.
      const categories = (incident.categories as string[]).filter(isDataCategory) as DataCategory[];
      await draftBreachNotices(tx, incident, categories, request.now, context.config.portalUrl);
    }, BREACH_TRANSACTION);
    const [incident] = await loadBreachIncidents(prisma, { id, first: 1 }, request.now);
    if (!incident) throw new AppError("NOT_FOUND", "This breach incident could not be found.");
    return incident;
  }
}
