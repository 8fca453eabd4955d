/**
 * One span per HTTP request (kind SERVER), the parent of the request's GraphQL operation and
 * database spans. It names the route by its first path segment only: paths can carry tokens
 * (an unsubscribe link) and query strings anything, so neither is recorded; nor are headers
 * or the client's address. A `traceparent` header from a proxy or client continues its trace.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { activeInstruments } from "./instruments.js";

/** Work to do once the response has gone (the request's context holds the list). */
const AFTER_RESPONSE = createContextKey("privet.after-response");

/**
 * Runs `fn` when the current request's response has closed, when every Apollo plugin has
 * finished changing it (the privacy plugin may still replace it by AUDIT_UNAVAILABLE while the
 * others' willSendResponse have returned); outside a traced request, at once.
 */
export function afterResponse(fn: () => void): void {
  const waiting = context.active().getValue(AFTER_RESPONSE) as Array<() => void> | undefined;
  if (waiting) waiting.push(fn);
  else fn();
}

const SEGMENT = /^\/[A-Za-z.-]{1,40}(?=\/|$)/;

/** "/graphql", "/unsubscribe", "/.well-known"…; anything else "/other". */
export function routeOf(url: string | undefined): string {
  const path = (url ?? "/").split("?", 1)[0] ?? "/";
  if (path === "/") return "/";
  return SEGMENT.exec(path)?.[0] ?? "/other";
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Runs `handle` inside the request's span; with telemetry off, just runs it. */
export function traceHttpRequest(req: IncomingMessage, res: ServerResponse, handle: Handler): void {
  const instruments = activeInstruments();
  if (!instruments) {
    handle(req, res);
    return;
  }
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const method = req.method ?? "GET";
  const route = routeOf(req.url);
  const span = instruments.tracer.startSpan(
    `${method} ${route}`,
    {
      kind: SpanKind.SERVER,
      attributes: { "http.request.method": method, "http.route": route },
    },
    parent,
  );
  const waiting: Array<() => void> = [];
  res.once("close", () => {
    for (const fn of waiting) fn();
    span.setAttribute("http.response.status_code", res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  const active = trace.setSpan(parent, span).setValue(AFTER_RESPONSE, waiting);
  context.with(active, handle, undefined, req, res);
}
