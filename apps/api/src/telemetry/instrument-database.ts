/**
 * Spans and timings for the two paths that bypass the Prisma client (whose own spans come
 * from @prisma/instrumentation): the audit writer's INSERTs and the read path's hand-written
 * SQL. The statement text is recorded (placeholders only, never the parameters). With
 * telemetry off, both are returned unwrapped: nothing is added to a request's path.
 */
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { AuditWriter } from "@privet/db/audit";
import type { SqlArg, SqlReader } from "@privet/db/client";
import { activeInstruments } from "./instruments.js";

export function instrumentAuditWriter(audit: AuditWriter): AuditWriter {
  const instruments = activeInstruments();
  if (!instruments) return audit;
  return {
    write: (records) =>
      instruments.tracer.startActiveSpan("audit write", async (span) => {
        const started = performance.now();
        let outcome = "ok";
        try {
          return await audit.write(records);
        } catch (error) {
          outcome = "error";
          span.setStatus({ code: SpanStatusCode.ERROR, message: "audit write failed" });
          throw error;
        } finally {
          instruments.auditWrite.record(performance.now() - started, { "privet.outcome": outcome });
          span.setAttribute("privet.audit.records", records.length);
          span.end();
        }
      }),
    check: () => audit.check(),
    close: () => audit.close(),
  };
}

export function instrumentSqlReader(reader: SqlReader): SqlReader {
  const instruments = activeInstruments();
  if (!instruments) return reader;
  return {
    query: <Row extends Record<string, unknown>>(sql: string, args: readonly SqlArg[]) =>
      instruments.tracer.startActiveSpan(
        "db_query",
        {
          kind: SpanKind.CLIENT,
          attributes: { "db.query.text": sql, "db.system.name": "postgresql" },
        },
        async (span) => {
          try {
            return await reader.query<Row>(sql, args);
          } catch (error) {
            span.setStatus({ code: SpanStatusCode.ERROR });
            throw error;
          } finally {
            span.end();
          }
        },
      ),
    close: () => reader.close(),
  };
}
