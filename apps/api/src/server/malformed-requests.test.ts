/**
 * 2,000 malformed requests, generated from a fixed seed (so a failure can be replayed), sent to
 * a running API over HTTP: broken JSON and bodies of the wrong shape, mangled operations taken
 * from the front ends' own documents, wrong variables, odd methods, paths and headers, hostile
 * Unicode. Every one is the client's fault, so every answer must be a 4xx (or a 2xx where the
 * request still makes sense) — never a 5xx — and no answer may carry a stack trace.
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api.js";
import { corpus, generator, malformedRequest } from "../test-support/malformed-requests.js";

const REQUESTS = 2000;
const SEED = 20261205;

const STACK_TRACE = /\bat [\w.<>]+ \(|node:internal|\.(?:js|ts):\d+:\d+/;

describe.each(testDatabases)("2,000 malformed requests on $name", (kind) => {
  let api: TestApi;
  let origin: string;
  beforeAll(async () => {
    api = await startTestApi(kind);
    origin = new URL(api.url).origin;
  });
  afterAll(() => api?.close());

  it("answers every one with a 4xx or a 2xx and its code, never a 5xx or a stack trace", async () => {
    const random = generator(SEED);
    const documents = corpus();
    expect(documents.length).toBeGreaterThan(30);
    const requests = Array.from({ length: REQUESTS }, () => malformedRequest(random, documents));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    // A few at a time: a loaded two-core machine answers them all, just more slowly.
    for (let start = 0; start < requests.length; start += 8) {
      await Promise.all(
        requests.slice(start, start + 8).map(async (request, offset) => {
          const bodyless = request.method === "GET" || request.method === "HEAD";
          const response = await fetch(origin + request.path, {
            method: request.method,
            headers: request.headers,
            body: bodyless ? undefined : request.body,
          });
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500 || STACK_TRACE.test(text)) {
            failures.push(
              `#${start + offset} ${request.method} ${request.path.slice(0, 60)} → ${response.status}: ${text.slice(0, 160)} (body: ${String(request.body).slice(0, 120)})`,
            );
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    // The mix reached both kinds of answer, so the generator is doing its job.
    expect([...statuses.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
  });
});
