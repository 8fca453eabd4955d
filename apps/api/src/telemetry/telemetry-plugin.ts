/**
 * The GraphQL side of telemetry: one span per operation, named by its type and name only
 * ("query PortalProfile"), never its variables or document; and the request, error and
 * redaction counters, counted from the response's errors once it is complete. A redaction is
 * one counter increment by reason and category, not a span: a list of a hundred subjects can
 * redact hundreds of fields. The server installs it only while telemetry is on.
 */
import type { ApolloServerPlugin, GraphQLResponse } from "@apollo/server";
import { type Attributes, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Context } from "../context/context.js";
import { afterResponse } from "./http-span.js";
import { activeInstruments } from "./instruments.js";

/**
 * The operation's name as the client wrote it: a GraphQL name (letters, digits, `_`), the same
 * text the audit log already records. Runs of digits are masked, so a number put in a name
 * (a card's, an id's) is not carried into traces; long names are cut.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return "anonymous";
  return name.replace(/\d{3,}/g, "#").slice(0, 64);
}

export const telemetryPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue }) {
    const instruments = activeInstruments();
    if (!instruments) return;
    const requestId = contextValue.request.requestId;
    // The request id on the HTTP span too: logs carry it, so a log line finds its trace.
    trace.getActiveSpan()?.setAttribute("privet.request_id", requestId);
    const span = instruments.tracer.startSpan("graphql", {
      attributes: { "privet.request_id": requestId },
    });
    let labels: Attributes = {
      "graphql.operation.type": "unknown",
      "graphql.operation.name": "anonymous",
    };
    const finish = (response: GraphQLResponse): void => {
      instruments.requests.add(1, labels);
      const errors = response.body.kind === "single" ? response.body.singleResult.errors : [];
      let failed: string | null = null;
      let redacted = 0;
      for (const error of errors ?? []) {
        const extensions = error.extensions ?? {};
        const code = String(extensions.code ?? "INTERNAL_SERVER_ERROR");
        if (code === "PRIVACY_REDACTED") {
          redacted++;
          instruments.redactions.add(1, {
            "privet.redaction.reason": String(extensions.reason ?? "UNKNOWN"),
            "privet.data.category": String(extensions.category ?? "unknown"),
          });
        } else {
          failed ??= code;
          instruments.errors.add(1, { ...labels, "error.type": code });
        }
      }
      span.setAttribute("privet.redactions", redacted);
      if (response.http.status !== undefined)
        span.setAttribute("http.response.status_code", response.http.status);
      if (failed) {
        span.setAttribute("error.type", failed);
        span.setStatus({ code: SpanStatusCode.ERROR, message: failed });
      }
      span.end();
    };
    return {
      async didResolveOperation({ operation, operationName }) {
        if (!operation) return;
        const name = operationLabel(operationName);
        labels = { "graphql.operation.type": operation.operation, "graphql.operation.name": name };
        span.updateName(`${operation.operation} ${name}`);
        span.setAttributes(labels);
      },
      async willSendResponse({ response }) {
        // Counted once the response has gone: the privacy plugin may yet turn it into
        // AUDIT_UNAVAILABLE (its willSendResponse runs beside this one). The span then also
        // covers the audit write.
        afterResponse(() => finish(response));
      },
    };
  },
};
