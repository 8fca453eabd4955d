/**
 * The GraphQL fast path (graphql-http.ts) answers a plain JSON POST as the Express stack
 * would: same data, same security, worker-independent and CORS headers, same JSON errors for a
 * bad body. Each request is sent twice: with a Content-Length (the fast path) and chunked
 * (which the fast path leaves to Express). Express's answer carries an ETag (res.send adds
 * one) and the fast path's does not: that tells the two paths apart.
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api.js";

const PORTAL = "https://portal.example";
/** Every header both paths must set alike (Date, ETag, X-Request-Id and length differ). */
const SHARED_HEADERS = [
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "content-security-policy",
  "permissions-policy",
  "cache-control",
  "access-control-allow-origin",
  "access-control-allow-credentials",
  "vary",
  "content-type",
];

describe.each(testDatabases)("the GraphQL fast path on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind, { corsOrigins: [PORTAL] });
  });
  afterAll(() => api?.close());

  const headers = {
    "content-type": "application/json",
    "apollo-require-preflight": "1",
    origin: PORTAL,
  };
  /** The body with a Content-Length (fast path) or as a chunked stream (Express). */
  async function post(body: string, chunked: boolean) {
    const response = await fetch(api.url, {
      method: "POST",
      headers,
      body: chunked
        ? new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode(body));
              controller.close();
            },
          })
        : body,
      ...(chunked ? { duplex: "half" } : {}),
    } as RequestInit);
    return { status: response.status, headers: response.headers, text: await response.text() };
  }
  const shared = (h: Headers) => SHARED_HEADERS.map((name) => [name, h.get(name)]);

  it("answers a query with the same data and headers as the Express stack", async () => {
    const body = JSON.stringify({ query: "query FastPath { viewer { kind } }" });
    const fast = await post(body, false);
    const express = await post(body, true);
    expect(fast.status).toBe(200);
    expect(JSON.parse(fast.text)).toEqual({ data: { viewer: { kind: "anonymous" } } });
    expect(fast.text).toBe(express.text);
    expect(shared(fast.headers)).toEqual(shared(express.headers));
    expect(fast.headers.get("access-control-allow-origin")).toBe(PORTAL);
    expect(fast.headers.get("cache-control")).toBe("no-store");
    expect(fast.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(fast.headers.get("x-powered-by")).toBeNull();
    // The two paths were both taken.
    expect(fast.headers.get("etag")).toBeNull();
    expect(express.headers.get("etag")).not.toBeNull();
  });

  it("answers malformed JSON and a body that is not an object with 400 BAD_REQUEST, as Express does", async () => {
    for (const body of ['{"query": ', '"just a string"', "42"]) {
      const fast = await post(body, false);
      const express = await post(body, true);
      expect(fast.status).toBe(400);
      expect(JSON.parse(fast.text).errors[0].extensions.code).toBe("BAD_REQUEST");
      expect(fast.text).toBe(express.text);
      expect(fast.text).not.toMatch(/at .*\.js|SyntaxError/);
      expect(shared(fast.headers)).toEqual(shared(express.headers));
    }
  });
});
