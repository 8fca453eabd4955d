import { describe, expect, it } from "vitest";
import { createPartnerClient } from "./client.js";
import { PartnerApiError } from "./errors.js";
import { PartnerSubjectIdsDocument } from "./generated/graphql.js";

interface Sent {
  readonly headers: Record<string, string>;
  readonly body: { query: string; variables: Record<string, unknown>; operationName: string };
}

/** A fetch answering each request with the next of `answers`, recording what was sent. */
function fakeFetch(answers: Array<{ status: number; body: unknown }>) {
  const sent: Sent[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    sent.push({
      headers: init.headers as Record<string, string>,
      body: JSON.parse(String(init.body)),
    });
    const answer = answers.shift() ?? { status: 500, body: {} };
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, sent };
}

const page = (ids: string[], endCursor: string | null, hasNextPage: boolean) => ({
  status: 200,
  body: {
    data: {
      partnerSubjects: {
        syncedAt: "2026-12-06T12:00:00.000Z",
        edges: ids.map((id) => ({ cursor: `c-${id}`, node: { id, erased: false } })),
        pageInfo: { endCursor, hasNextPage },
      },
    },
  },
});

describe("the partner client", () => {
  it("sends the key, the purpose and the CSRF-safe headers, and follows pages to the end", async () => {
    const { fetch, sent } = fakeFetch([page(["a", "b"], "c-b", true), page(["c"], "c-c", false)]);
    const client = createPartnerClient({
      url: "https://privacy.example/graphql",
      apiKey: "privet_pk_x",
      purpose: "MARKETING",
      purposeRef: "CAMPAIGN-1",
      fetch,
    });
    const ids: string[] = [];
    for await (const result of client.pages(PartnerSubjectIdsDocument, { first: 2 })) {
      ids.push(...result.data.partnerSubjects.edges.map((edge) => edge.node.id));
    }
    expect(ids).toEqual(["a", "b", "c"]);
    expect(sent.map((request) => request.body.variables)).toEqual([
      { first: 2, after: null },
      { first: 2, after: "c-b" },
    ]);
    expect(sent[0]?.headers).toMatchObject({
      authorization: "Bearer privet_pk_x",
      "content-type": "application/json",
      "apollo-require-preflight": "true",
      "x-apollo-operation-name": "PartnerSubjectIds",
      "x-privet-purpose": "MARKETING",
      "x-privet-purpose-ref": "CAMPAIGN-1",
    });
    expect(sent[0]?.body.operationName).toBe("PartnerSubjectIds");
  });

  it("returns redactions beside the data, and throws the API's other errors typed", async () => {
    const redacted = page(["a"], null, false);
    (redacted.body as Record<string, unknown>).errors = [
      {
        message: "Redacted: CONSENT_WITHDRAWN",
        path: ["partnerSubjects", "edges", 0, "node", "email"],
        extensions: {
          code: "PRIVACY_REDACTED",
          reason: "CONSENT_WITHDRAWN",
          category: "user.contact.email",
        },
      },
    ];
    const expired = {
      status: 401,
      body: {
        errors: [{ message: "This API key has expired.", extensions: { code: "API_KEY_EXPIRED" } }],
      },
    };
    const { fetch } = fakeFetch([redacted, expired]);
    const client = createPartnerClient({ url: "https://x/graphql", apiKey: "k", fetch });
    const result = await client.request(PartnerSubjectIdsDocument, { first: 1 });
    expect(result.redactions).toEqual([
      {
        path: "partnerSubjects.edges.0.node.email",
        reason: "CONSENT_WITHDRAWN",
        category: "user.contact.email",
      },
    ]);
    const error = await client.request(PartnerSubjectIdsDocument, { first: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(PartnerApiError);
    expect(error).toMatchObject({ code: "API_KEY_EXPIRED", status: 401 });
  });

  it("reports an unreachable API or a body that is not JSON as NETWORK_ERROR", async () => {
    const down = (async () => {
      throw new TypeError("fetch failed");
    }) as unknown as typeof globalThis.fetch;
    const client = createPartnerClient({ url: "https://x/graphql", apiKey: "k", fetch: down });
    await expect(client.request(PartnerSubjectIdsDocument, { first: 1 })).rejects.toMatchObject({
      code: "NETWORK_ERROR",
      status: 0,
    });
    const html = (async () =>
      new Response("<html>bad gateway</html>", { status: 502 })) as unknown as typeof fetch;
    const proxied = createPartnerClient({ url: "https://x/graphql", apiKey: "k", fetch: html });
    await expect(proxied.request(PartnerSubjectIdsDocument, { first: 1 })).rejects.toMatchObject({
      code: "NETWORK_ERROR",
      status: 502,
    });
  });
});
