/**
 * The API's log: one JSON line per event, with the request id. It never logs variables,
 * bodies, cookies or headers, where personal data lives; errors are logged by name and message
 * with any email-like or card-like text masked. With telemetry on (src/telemetry), a line
 * written during a traced request also carries `traceId` and `spanId`, so it finds its trace.
 */
import { trace } from "@opentelemetry/api";

type Fields = Record<string, unknown>;

const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[A-Za-z]{2,}/g;
// A UUID (an id, which the log may name) is matched first and kept whole: its last two groups
// can be all digits ("8842-100562114187"), which alone would look like a card number.
const UUID_OR_DIGITS =
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b\d(?:[ -]?\d){11,18}\b/gi;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function scrub(text: string): string {
  return text
    .replace(EMAIL, "[email]")
    .replace(UUID_OR_DIGITS, (match) => (UUID.test(match) ? match : "[number]"));
}

function serialise(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      value instanceof Error
        ? { name: value.name, message: scrub(value.message) }
        : typeof value === "string"
          ? scrub(value)
          : value;
  }
  return out;
}

function write(level: "info" | "warn" | "error", message: string, fields: Fields = {}): void {
  if (process.env.PRIVET_LOG === "silent") return;
  // Off, there is no context manager and no active span: one lookup that finds nothing.
  const span = trace.getActiveSpan()?.spanContext();
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    message,
    ...(span ? { traceId: span.traceId, spanId: span.spanId } : {}),
    ...serialise(fields),
  });
  (level === "error" ? process.stderr : process.stdout).write(`${line}\n`);
}

export const logger = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
