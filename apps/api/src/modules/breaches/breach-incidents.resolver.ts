import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { BreachIncident } from "./breach-incident.type.js";
import { loadBreachIncidents } from "./load-breach-incidents.js";

const MAX_FIRST = 200;

@Resolver()
export class BreachIncidentsResolver {
  @Authorized()
  @Query(() => [BreachIncident], {
    description:
      "Security and privacy officers: the breach-incident register, most recently discovered first (P-17).",
  })
  async breachIncidents(
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Ctx() context: Context,
  ): Promise<BreachIncident[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) {
      throw badInput("first", `Ask for 1 to ${MAX_FIRST} incidents at a time.`);
    }
    return loadBreachIncidents(context.prisma, { first }, context.request.now);
  }

  @Authorized()
  @Query(() => BreachIncident, {
    description:
      "Security and privacy officers: one incident with its counts, Attorney General flag, deadlines and notices (P-17).",
  })
  async breachIncident(
    @Arg("id", () => ID) id: string,
    @Ctx() context: Context,
  ): Promise<BreachIncident> {
    const [incident] = await loadBreachIncidents(
      context.prisma,
      { id: validateId("id", id), first: 1 },
      context.request.now,
    );
    if (!incident) throw new AppError("NOT_FOUND", "This breach incident could not be found.");
    return incident;
  }
}
