import { Arg, Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { auditEventsCsv, auditEventsJson } from "./audit-csv.js";
import { AuditEventFilter } from "./audit-event-filter.input.js";
import { AuditExport, AuditExportFormatValues } from "./audit-export.type.js";
import { auditConditions } from "./audit-filter.js";
import { loadAuditEvents } from "./load-audit-events.js";
import { assertMayNarrowToSubject } from "./narrow-to-subject.js";

/** The most events one export holds; above it the caller narrows the filter (e.g. by time). */
export const MAX_EXPORT_ROWS = 50_000;

@Resolver()
export class AuditExportResolver {
  @Authorized()
  @Query(() => AuditExport, {
    description: `Auditors, privacy and security officers: the audit events matching the filter as CSV or JSON, newest first; at most ${MAX_EXPORT_ROWS} (above that, BAD_USER_INPUT: narrow the filter).`,
  })
  async auditExport(
    @Arg("filter", () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Arg("format", () => AuditExportFormatValues, { defaultValue: "CSV" })
    format: keyof typeof AuditExportFormatValues,
    @Ctx() context: Context,
  ): Promise<AuditExport> {
    const conditions = auditConditions(filter);
    assertMayNarrowToSubject(context, filter);
    const rows = await loadAuditEvents(context.prisma, conditions, null, MAX_EXPORT_ROWS + 1);
    if (rows.length > MAX_EXPORT_ROWS) {
      throw badInput(
        "filter",
        `More than ${MAX_EXPORT_ROWS} events match: narrow the filter (e.g. a shorter time window) and export in parts.`,
      );
    }
    const events = rows.map((row) => row.event);
    const stamp = new Date()
      .toISOString()
      .replaceAll(":", "-")
      .replace(/\.\d+Z$/, "Z");
    return Object.assign(new AuditExport(), {
      format,
      contentType: format === "CSV" ? "text/csv" : "application/json",
      fileName: `audit-events-${stamp}.${format === "CSV" ? "csv" : "json"}`,
      rows: events.length,
      content: format === "CSV" ? auditEventsCsv(events) : auditEventsJson(events),
    });
  }
}
