/**
 * The instruments the request path records into, made once the SDK has started. While
 * telemetry is off `activeInstruments()` is null: callers check it and do nothing else, so a
 * request pays one null check per hook, and no hook runs per field.
 */
import type { Counter, Histogram, Meter, Tracer } from "@opentelemetry/api";

export interface Instruments {
  readonly meter: Meter;
  readonly tracer: Tracer;
  /** GraphQL operations, by operation name and type. */
  readonly requests: Counter;
  /** Errors in responses, by operation name and type and error code (redactions excepted). */
  readonly errors: Counter;
  /** Personal fields redacted, by reason and data category (one count per field, no span). */
  readonly redactions: Counter;
  /** How long a request waited for its access records to commit (group commit included). */
  readonly auditWrite: Histogram;
}

let active: Instruments | null = null;

export function activeInstruments(): Instruments | null {
  return active;
}

export function setActiveInstruments(instruments: Instruments | null): void {
  active = instruments;
}

export function createInstruments(meter: Meter, tracer: Tracer): Instruments {
  return {
    meter,
    tracer,
    requests: meter.createCounter("privet.graphql.requests", {
      description: "GraphQL operations, by operation name and type",
    }),
    errors: meter.createCounter("privet.graphql.errors", {
      description: "Errors in GraphQL responses, by operation and error code (redactions excepted)",
    }),
    redactions: meter.createCounter("privet.privacy.redactions", {
      description: "Personal fields redacted, by reason and data category",
    }),
    auditWrite: meter.createHistogram("privet.audit.write.duration", {
      description: "Time until a request's access records were committed",
      unit: "ms",
    }),
  };
}
