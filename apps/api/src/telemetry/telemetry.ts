/**
 * OpenTelemetry, on only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set: then this process exports
 * traces (HTTP requests, GraphQL operations, database statements) and metrics over OTLP/HTTP.
 * Unset, no SDK is started: @opentelemetry/api stays its no-op, `activeInstruments()` is null
 * and every hook in the request path is one null check (ARCHITECTURE.md, "Observability").
 *
 * What is recorded never carries personal data: operation names and types, error codes,
 * redaction reasons and categories, statement text with placeholders (never parameter values),
 * durations and counts. No variables, bodies, headers, cookies, addresses or ids of people
 * (telemetry.test.ts enumerates every attribute of every span and data point to prove it).
 */
import { context, metrics, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  type IMetricReader,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { createInstruments, setActiveInstruments } from "./instruments.js";

export interface Telemetry {
  /** Flushes what is buffered and unregisters the SDK (the API is a no-op again). */
  shutdown(): Promise<void>;
}

/** Tests hand their in-memory exporter and reader; a real start uses OTLP over HTTP. */
export interface TelemetryExporters {
  readonly spanExporter: SpanExporter;
  readonly metricReader: IMetricReader;
}

type Env = Record<string, string | undefined>;

/** Whether telemetry is configured: the standard endpoint variable, unless the SDK is disabled. */
export function telemetryConfigured(env: Env = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT) && env.OTEL_SDK_DISABLED !== "true";
}

/**
 * Starts the SDK when configured (or when a test hands exporters); null when off. Call it
 * before the server is created: instruments are made here, and the no-op meter the API hands
 * out before a provider is registered would stay a no-op.
 */
export function startTelemetry(
  env: Env = process.env,
  exporters?: TelemetryExporters,
): Telemetry | null {
  if (!exporters && !telemetryConfigured(env)) return null;
  const resource = resourceFromAttributes({
    "service.name": env.OTEL_SERVICE_NAME || "privet-api",
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());

  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [
      exporters
        ? new SimpleSpanProcessor(exporters.spanExporter)
        : new BatchSpanProcessor(new OTLPTraceExporter()),
    ],
  });
  trace.setGlobalTracerProvider(tracerProvider);

  const meterProvider = new MeterProvider({
    resource,
    readers: [
      exporters?.metricReader ??
        new PeriodicExportingMetricReader({
          exporter: new OTLPMetricExporter(),
          exportIntervalMillis: Number(env.OTEL_METRIC_EXPORT_INTERVAL) || 60_000,
        }),
    ],
  });
  metrics.setGlobalMeterProvider(meterProvider);

  // Prisma's own spans: one per client operation and one per statement (`db.query.text` has
  // $1, $2… placeholders; Prisma never puts parameter values on spans).
  const prisma = new PrismaInstrumentation();
  prisma.setTracerProvider(tracerProvider);
  prisma.enable();

  setActiveInstruments(
    createInstruments(meterProvider.getMeter("privet"), trace.getTracer("privet")),
  );

  const handle: Telemetry = {
    async shutdown() {
      if (running === handle) running = null;
      setActiveInstruments(null);
      prisma.disable();
      await tracerProvider.forceFlush();
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
      trace.disable();
      metrics.disable();
      propagation.disable();
      context.disable();
    },
  };
  running = handle;
  return handle;
}

/** The SDK this process started, if any (startTelemetry). */
let running: Telemetry | null = null;

/**
 * Exports what is still buffered (the last spans, the last metric interval) and stops the SDK:
 * called once the server has drained and the database is closed, just before the process exits.
 * Nothing when telemetry is off.
 */
export async function shutdownTelemetry(): Promise<void> {
  await running?.shutdown();
}
