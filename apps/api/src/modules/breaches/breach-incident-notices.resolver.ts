import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { assertStaffMayCall } from "../../guards/staff-guard.js";
import { Classified } from "../../privacy/personal.js";
import { validateId } from "../../validation/validate-id.js";
import { type BreachNoticeStatus, BreachNoticeStatusValues } from "./breach-enums.js";
import { BreachIncident } from "./breach-incident.type.js";
import { BreachNotice, type BreachNoticeRow, toBreachNotice } from "./breach-notice.type.js";
import { loadNoticePages } from "./load-notice-pages.js";

const MAX_FIRST = 500;

@Resolver(() => BreachIncident)
export class BreachIncidentNoticesResolver {
  @Classified("NON_PERSONAL")
  @FieldResolver(() => [BreachNotice], {
    description:
      "That notices exist is not personal; each recipient is. The drafted notices, by id, a page at a time (after: the last id of the previous page). Recipients are personal: declare a purpose such as BREACH_RESPONSE to read them (each read is audited).",
  })
  async notices(
    @Root() incident: BreachIncident,
    @Arg("first", () => Int, { defaultValue: 100 }) first: number,
    @Arg("after", () => ID, { nullable: true }) after: string | null,
    @Arg("status", () => BreachNoticeStatusValues, { nullable: true })
    status: BreachNoticeStatus | null,
    @Ctx() context: Context,
  ): Promise<BreachNotice[]> {
    // Checked again here, not only by the operation that returned the incident: the notices
    // name who was affected, so they follow the register's roles wherever an incident appears.
    assertStaffMayCall(context, "breachIncident");
    if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) {
      throw badInput("first", `Ask for 1 to ${MAX_FIRST} notices at a time.`);
    }
    const afterId = after ? validateId("after", after) : null;
    // Through a loader: a list of incidents asking for notices costs two statements, not one
    // per incident.
    const loader = context.loaders.get<string, BreachNoticeRow[]>(
      `breachNotices:${first}:${afterId ?? ""}:${status ?? ""}`,
      (incidentIds) => loadNoticePages(context.prisma, incidentIds, { first, afterId, status }),
    );
    return (await loader.load(incident.id)).map(toBreachNotice);
  }
}
