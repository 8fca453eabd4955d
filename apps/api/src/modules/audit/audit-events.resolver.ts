import type { TimeOrder } from "@privet/domain/staff-actions";
import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { toPageInfo } from "../../pagination/page-info.type.js";
import { pageSize } from "../../pagination/subject-cursor.js";
import { TimeOrderValues } from "../../vocabulary/enums.js";
import { decodeAuditCursor, encodeAuditCursor } from "./audit-cursor.js";
import { AuditEventConnection } from "./audit-event.type.js";
import { AuditEventFilter } from "./audit-event-filter.input.js";
import { auditConditions, withReaderKind } from "./audit-filter.js";
import { loadAuditEvents } from "./load-audit-events.js";
import { assertMayNarrowToSubject } from "./narrow-to-subject.js";

/** At most 200 events a page (all fields of 200 events stay within the query cost limit). */
const MAX_PAGE = 200;

@Resolver()
export class AuditEventsResolver {
  @Authorized()
  @Query(() => AuditEventConnection, {
    description:
      "Auditors, privacy and security officers: the audit trail, one event per field read (allowed or refused), newest first (or oldest first: `order`), narrowed by the filter. One statement per page; `after` is the previous page's endCursor, read in the same order.",
  })
  async auditEvents(
    @Arg("filter", () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Arg("first", () => Int, { defaultValue: 50 }) firstInput: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("order", () => TimeOrderValues, { defaultValue: "NEWEST_FIRST" }) order: TimeOrder,
    @Ctx() context: Context,
  ): Promise<AuditEventConnection> {
    // Every input is validated before anything is read.
    auditConditions(filter);
    assertMayNarrowToSubject(context, filter);
    const first = pageSize("first", firstInput, MAX_PAGE);
    const position = decodeAuditCursor("after", after, order);
    const conditions = auditConditions(await withReaderKind(context.prisma, filter));
    const rows = await loadAuditEvents(context.prisma, conditions, position, first + 1, order);
    const page = rows.slice(0, first);
    const last = page.at(-1);
    return Object.assign(new AuditEventConnection(), {
      nodes: page.map((row) => row.event),
      pageInfo: toPageInfo({
        endCursor: last ? encodeAuditCursor(last.at, order) : null,
        hasNextPage: rows.length > first,
      }),
    });
  }
}
