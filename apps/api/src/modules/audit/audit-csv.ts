/**
 * The audit trail as CSV (RFC 4180: CRLF line ends, fields quoted when needed) or JSON.
 * A cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR: a
 * declared reference is free text) is prefixed with an apostrophe.
 */
import type { AuditEvent } from "./audit-event.type.js";

export const AUDIT_EXPORT_COLUMNS = [
  "id",
  "occurredAt",
  "principalKind",
  "principalId",
  "staffRole",
  "processorName",
  "purpose",
  "reference",
  "subjectId",
  "category",
  "fieldPath",
  "outcome",
  "denyReason",
  "operationName",
  "requestId",
  "breakGlassId",
  "legalRequestId",
] as const satisfies readonly (keyof AuditEvent)[];

function cell(value: string | Date | null): string {
  if (value === null) return "";
  let text = value instanceof Date ? value.toISOString() : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditEventsCsv(events: readonly AuditEvent[]): string {
  const lines = [AUDIT_EXPORT_COLUMNS.join(",")];
  for (const event of events) {
    lines.push(AUDIT_EXPORT_COLUMNS.map((column) => cell(event[column])).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

export function auditEventsJson(events: readonly AuditEvent[]): string {
  return JSON.stringify(
    events.map((event) =>
      Object.fromEntries(
        AUDIT_EXPORT_COLUMNS.map((column) => {
          const value = event[column];
          return [column, value instanceof Date ? value.toISOString() : value];
        }),
      ),
    ),
  );
}
