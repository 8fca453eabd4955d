/**
 * Telemetry on, with in-memory exporters: real requests over HTTP (sign-in, a portal read of
 * personal fields, a consent change, a partner read, a staff read under a declared purpose, an
 * error), then every span and every metric data point is checked: what must be there is
 * there (so the test fails if instrumentation breaks), and no text anywhere in them carries the
 * person's name, email, card digits, customer id, card token or an IP address.
 */
import type { Attributes } from "@opentelemetry/api";
import { MetricReader, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { advanceCheckpoints, HISTORY_NAMES } from "@privet/db/checkpoints";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { logger } from "../log/logger.js";
import { ApiClient, startTestApi, type TestApi } from "../test-support/api.js";
import {
  captureOutput,
  createPartner,
  registerCustomer,
  signInStaff,
  TEST_PASSWORD,
} from "../test-support/fixtures.js";
import { activeInstruments } from "./instruments.js";
import { startTelemetry, type Telemetry } from "./telemetry.js";

/** Collects on demand (`collect()`), as an exporter would on its interval. */
class TestMetricReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const PERSON = {
  name: "Zelinda Quarrington",
  email: "zelinda.quarrington@example.com",
  last4: "7391",
  token: "tok_telemetry_secret_8842",
};

const SIGN_IN = `mutation TelemetrySignIn($email: String!, $password: String!) {
  signIn(email: $email, password: $password) { customer { id } }
}`;
const SET_CARD = `mutation TelemetryCard($input: PaymentMethodInput!) {
  setPaymentMethod(input: $input) { id }
}`;
const PORTAL_READ = `query PortalRead {
  me { id name email country paymentMethod { brand last4 } sessions { ipAddress browser } }
}`;
const CONSENT = `mutation TelemetryConsent {
  setConsent(purpose: REMARKETING, state: GIVEN) { state }
}`;
const PARTNER_READ = `query PartnerRead @purpose(name: CROSS_BORDER_CONSOLIDATION, ref: "SYNC-1") {
  partnerSubjects(first: 50) { edges { node { id name email cardLast4 } } }
}`;
const STAFF_READ = `query StaffRead($id: ID!) {
  customer(id: $id) { id name email country sessions { ipAddress } }
}`;

/** Every text a span carries: its name, status, attributes, events and links, its resource. */
function spanTexts(span: ReadableSpan): string[] {
  const texts = [span.name, span.status.message ?? "", span.instrumentationScope.name];
  const add = (attributes: Attributes | undefined) => {
    for (const [key, value] of Object.entries(attributes ?? {}))
      texts.push(key, ...(Array.isArray(value) ? value : [value]).map(String));
  };
  add(span.attributes);
  add(span.resource.attributes);
  for (const event of span.events) {
    texts.push(event.name);
    add(event.attributes);
  }
  for (const link of span.links) add(link.attributes);
  return texts;
}

/** Every text the metrics carry: names, descriptions, units, every data point's attributes. */
function metricTexts(collected: ResourceMetrics): string[] {
  const texts = Object.entries(collected.resource.attributes).flatMap(([k, v]) => [k, String(v)]);
  for (const scope of collected.scopeMetrics) {
    texts.push(scope.scope.name);
    for (const metric of scope.metrics) {
      const { name, description, unit } = metric.descriptor;
      texts.push(name, description, unit);
      for (const point of metric.dataPoints as Array<{ attributes: Attributes }>)
        for (const [key, value] of Object.entries(point.attributes)) texts.push(key, String(value));
    }
  }
  return texts;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/;
const IPV6 = /(?:^|[^:\w])::1\b|::ffff:|\b[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){7}\b/i;

/** What personal text a telemetry text carries, if any. */
function personalIn(text: string, customerId: string): string | null {
  const lower = text.toLowerCase();
  if (lower.includes(PERSON.name.toLowerCase())) return "name";
  if (lower.includes("zelinda") || lower.includes("quarrington")) return "part of the name";
  if (lower.includes(PERSON.email)) return "email";
  if (lower.includes(PERSON.token)) return "card token";
  if (text.includes(TEST_PASSWORD)) return "password";
  if (lower.includes(customerId.toLowerCase())) return "customer id";
  // Request ids are random UUIDs: four hex digits may turn up in one by chance.
  if (!UUID.test(text) && text.includes(PERSON.last4)) return "card digits";
  if (IPV4.test(text) || IPV6.test(text)) return "IP address";
  return null;
}

describe.each(testDatabases)("telemetry without personal data on $name", (kind) => {
  const spans = new InMemorySpanExporter();
  const metrics = new TestMetricReader();
  let telemetry: Telemetry | null;
  let api: TestApi;
  let customerId: string;
  let collected: ResourceMetrics;

  beforeAll(async () => {
    telemetry = startTelemetry({}, { spanExporter: spans, metricReader: metrics });
    api = await startTestApi(kind);

    // The person registers (signed in), adds a card; then signs in again on another device.
    const first = api.client();
    customerId = (await registerCustomer(first, { name: PERSON.name, email: PERSON.email })).id;
    const card = await first.gql(SET_CARD, {
      input: {
        processorToken: PERSON.token,
        brand: "visa",
        last4: PERSON.last4,
        expiryMonth: 4,
        expiryYear: 2031,
      },
    });
    expect(card.errors).toEqual([]);
    const portal = api.client();
    const signIn = await portal.gql(SIGN_IN, { email: PERSON.email, password: TEST_PASSWORD });
    expect(signIn.errors).toEqual([]);
    // The portal reads their personal fields; they change a consent.
    const own = await portal.gql(PORTAL_READ);
    expect(own.errors).toEqual([]);
    expect(JSON.stringify(own.data)).toContain(PERSON.email);
    expect((await portal.gql(CONSENT)).errors).toEqual([]);

    // A partner whose agreement covers the email only: the rest is redacted (and counted).
    const { apiKey } = await createPartner(api.db.prisma, {
      kind: "CLOUD_STORAGE",
      purposes: ["CROSS_BORDER_CONSOLIDATION"],
      categories: ["user.contact.email"],
    });
    const partner = new ApiClient(api.url, { authorization: `Bearer ${apiKey}` });
    const read = await partner.gql(PARTNER_READ);
    expect(JSON.stringify(read.data)).toContain(PERSON.email);
    expect(read.errors.some((e) => e.extensions?.code === "PRIVACY_REDACTED")).toBe(true);

    // Staff read the customer, device addresses included, under a declared purpose.
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");
    const looked = await staff.gql(
      STAFF_READ,
      { id: customerId },
      { headers: { "x-privet-purpose": "SUPPORT", "x-privet-purpose-ref": "T-16" } },
    );
    expect(JSON.stringify(looked.data)).toContain("127.0.0.1");

    // An error: someone not signed in asks for a customer.
    const refused = await api.client().gql(STAFF_READ, { id: customerId });
    expect(refused.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    // HTTP spans end when the response has closed, a moment after the client has it.
    await vi.waitFor(
      () => {
        const operations = spans.getFinishedSpans().filter((s) => s.name === "query StaffRead");
        const http = spans.getFinishedSpans().filter((s) => s.name === "POST /graphql");
        expect(operations).toHaveLength(2);
        expect(http.length).toBeGreaterThanOrEqual(8);
      },
      { timeout: 20_000, interval: 50 },
    );
    // The checkpoint job's work (off in tests): every history's chains sealed once.
    await advanceCheckpoints(api.db.prisma, api.config.checkpointSigner);
    const result = await metrics.collect();
    collected = result.resourceMetrics;
  });

  let closed = false;
  afterAll(async () => {
    if (!closed) await api?.close();
    await telemetry?.shutdown();
  });

  it("records a span per HTTP request and per operation, named by type and name only", () => {
    const names = new Set(spans.getFinishedSpans().map((span) => span.name));
    for (const name of [
      "POST /graphql",
      "mutation TelemetrySignIn",
      "query PortalRead",
      "mutation TelemetryConsent",
      "query PartnerRead",
      "query StaffRead",
      "audit write",
      "prisma:client:operation",
    ])
      expect(names).toContain(name);
    const partnerRead = spans.getFinishedSpans().find((s) => s.name === "query PartnerRead");
    expect(partnerRead?.attributes).toMatchObject({
      "graphql.operation.type": "query",
      "graphql.operation.name": "PartnerRead",
    });
    expect(Number(partnerRead?.attributes["privet.redactions"])).toBeGreaterThan(0);
    const refused = spans
      .getFinishedSpans()
      .find((s) => s.name === "query StaffRead" && s.attributes["error.type"]);
    expect(refused?.attributes["error.type"]).toBe("UNAUTHENTICATED");
    // The operation belongs to its HTTP request's trace.
    const http = spans
      .getFinishedSpans()
      .find((s) => s.spanContext().spanId === partnerRead?.parentSpanContext?.spanId);
    expect(http?.name).toBe("POST /graphql");
    expect(http?.attributes["http.response.status_code"]).toBe(200);
  });

  it("records database statements as text without their parameters", () => {
    const statements = spans
      .getFinishedSpans()
      .filter((s) => s.name === "db_query")
      .map((s) => String(s.attributes["db.query.text"]));
    expect(statements.length).toBeGreaterThan(5);
    // Prisma's statements (the customer's row) and the hand-written read path's.
    expect(statements.some((sql) => sql.includes('"Customer"'))).toBe(true);
    expect(statements.some((sql) => /\$1/.test(sql))).toBe(true);
  });

  it("counts requests, errors, redactions, audit writes and the background lag", () => {
    const byName = new Map(
      collected.scopeMetrics.flatMap((scope) => scope.metrics).map((m) => [m.descriptor.name, m]),
    );
    const points = (name: string) =>
      (byName.get(name)?.dataPoints ?? []) as Array<{ attributes: Attributes; value: unknown }>;
    expect(points("privet.graphql.requests")).toContainEqual(
      expect.objectContaining({
        attributes: { "graphql.operation.type": "query", "graphql.operation.name": "PortalRead" },
        value: 1,
      }),
    );
    expect(points("privet.graphql.errors").map((p) => p.attributes["error.type"])).toContain(
      "UNAUTHENTICATED",
    );
    const redactions = points("privet.privacy.redactions");
    expect(redactions.map((p) => p.attributes["privet.data.category"])).toContain("user.name");
    expect(redactions.every((p) => typeof p.attributes["privet.redaction.reason"] === "string"));
    const audit = points("privet.audit.write.duration")[0]?.value as { count: number };
    expect(audit.count).toBeGreaterThanOrEqual(2); // the partner's read and the staff read
    // Registration queued an email (no SMTP here): the outbox has a pending one.
    expect(points("privet.outbox.lag")).toHaveLength(1);
    expect(points("privet.webhooks.lag")).toHaveLength(1);
    const sealed = points("privet.checkpoint.age").map((p) => p.attributes["privet.history"]);
    expect(new Set(sealed)).toEqual(new Set(HISTORY_NAMES));
  });

  it("[P-03] no span or metric carries a name, email, card digits, customer id or IP address", () => {
    const finished = spans.getFinishedSpans();
    expect(finished.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const span of finished)
      for (const text of spanTexts(span)) {
        const what = personalIn(text, customerId);
        if (what) found.push(`${what} in span "${span.name}": ${text.slice(0, 120)}`);
      }
    for (const text of metricTexts(collected)) {
      const what = personalIn(text, customerId);
      if (what) found.push(`${what} in metrics: ${text.slice(0, 120)}`);
    }
    expect(found).toEqual([]);
  });

  it("puts the trace and span ids on log lines written inside a span", async () => {
    const tracer = activeInstruments()?.tracer;
    if (!tracer) throw new Error("telemetry is not on");
    const { result: ids, output } = await captureOutput(async () =>
      tracer.startActiveSpan("a logged step", (span) => {
        logger.error("something failed", { requestId: "r-16" });
        span.end();
        return span.spanContext();
      }),
    );
    expect(JSON.parse(output.trim())).toMatchObject({
      message: "something failed",
      requestId: "r-16",
      traceId: ids.traceId,
      spanId: ids.spanId,
    });
  });

  it("counts a read refused for want of an audit, and its log line names the request and trace", async () => {
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");
    // Every audit insert fails, as a full disk would (privacy/audit-failure.test.ts).
    await api.db.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit storage unavailable'; END; $$`);
    await api.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_audit BEFORE INSERT ON "AccessRecord" FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`,
    );
    try {
      const { result: refused, output } = await captureOutput(() =>
        staff.gql(
          `query TelemetryUnaudited($id: ID!) { customer(id: $id) { email } }`,
          { id: customerId },
          { headers: { "x-privet-purpose": "SUPPORT", "x-privet-purpose-ref": "T-17" } },
        ),
      );
      expect(refused.status).toBe(503);
      const requestId = refused.headers.get("x-request-id");
      const line = output
        .split("\n")
        .filter(Boolean)
        .map((text) => JSON.parse(text) as Record<string, unknown>)
        .find((entry) => entry.message === "audit write failed");
      expect(line?.requestId).toBe(requestId);
      const operation = await vi.waitFor(() => {
        const found = spans
          .getFinishedSpans()
          .find(
            (s) => s.attributes["privet.request_id"] === requestId && s.name.startsWith("query"),
          );
        if (!found) throw new Error("the operation's span has not ended yet");
        return found;
      });
      expect(operation.name).toBe("query TelemetryUnaudited");
      expect(operation.attributes["error.type"]).toBe("AUDIT_UNAVAILABLE");
      expect(line?.traceId).toBe(operation.spanContext().traceId);
      const audit = spans
        .getFinishedSpans()
        .find((s) => s.name === "audit write" && s.spanContext().traceId === line?.traceId);
      expect(audit?.status.code).toBe(2); // SpanStatusCode.ERROR
      const { resourceMetrics } = await metrics.collect();
      const errors = resourceMetrics.scopeMetrics
        .flatMap((scope) => scope.metrics)
        .find((m) => m.descriptor.name === "privet.graphql.errors");
      expect(errors?.dataPoints.map((p) => p.attributes)).toContainEqual({
        "graphql.operation.type": "query",
        "graphql.operation.name": "TelemetryUnaudited",
        "error.type": "AUDIT_UNAVAILABLE",
      });
      expect(output).not.toContain(PERSON.email);
    } finally {
      await api.db.prisma.$executeRawUnsafe(`DROP TRIGGER test_refuse_audit ON "AccessRecord"`);
    }
  });

  // Last: it closes the server. A lag reading still running would hold the closing database
  // (and a stopping process) up; the server waits for it before the database closes.
  it("closes while the metrics are being collected", async () => {
    const collecting = metrics.collect();
    await api.close();
    closed = true;
    const { errors } = await collecting;
    expect(errors).toEqual([]);
  });
});
