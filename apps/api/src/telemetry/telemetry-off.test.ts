/**
 * Without OTEL_EXPORTER_OTLP_ENDPOINT nothing is started: no tracer, meter or context manager
 * is registered, @opentelemetry/api stays its no-op, and the server's request path is not
 * wrapped (the audit writer is handed over as it is). A file of its own: the other telemetry
 * test registers the SDK for its whole file.
 */
import { context, metrics, trace } from "@opentelemetry/api";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logger } from "../log/logger.js";
import { startTestApi, type TestApi } from "../test-support/api.js";
import { captureOutput, registerCustomer } from "../test-support/fixtures.js";
import { instrumentAuditWriter } from "./instrument-database.js";
import { activeInstruments } from "./instruments.js";
import { startTelemetry, telemetryConfigured } from "./telemetry.js";

describe("telemetry configuration", () => {
  it("is on only with the standard endpoint variable, and OTEL_SDK_DISABLED wins", () => {
    expect(telemetryConfigured({})).toBe(false);
    expect(telemetryConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: "" })).toBe(false);
    expect(telemetryConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(
      true,
    );
    expect(
      telemetryConfigured({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_SDK_DISABLED: "true",
      }),
    ).toBe(false);
  });
});

describe.each(testDatabases)("telemetry off on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    expect(startTelemetry({})).toBeNull();
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("registers no SDK: the API's tracer, meter and context are its no-ops", async () => {
    // Requests run as usual…
    await registerCustomer(api.client());
    expect(activeInstruments()).toBeNull();
    // …and nothing was registered: spans do not record, there is no active span or context.
    const span = trace.getTracer("privet").startSpan("probe");
    expect(span.isRecording()).toBe(false);
    expect(span.spanContext().traceId).toBe("00000000000000000000000000000000");
    span.end();
    expect(metrics.getMeterProvider().constructor.name).toBe("NoopMeterProvider");
    context.with(trace.setSpan(context.active(), span), () => {
      // Without a context manager, `with` does not make the span active.
      expect(trace.getActiveSpan()).toBeUndefined();
    });
  });

  it("leaves the request path unwrapped and log lines without trace ids", async () => {
    expect(instrumentAuditWriter(api.db.audit)).toBe(api.db.audit);
    const { output } = await captureOutput(async () => logger.warn("a step", { requestId: "r" }));
    expect(Object.keys(JSON.parse(output.trim()))).toEqual([
      "level",
      "time",
      "message",
      "requestId",
    ]);
  });
});
