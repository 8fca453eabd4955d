/**
 * The security baseline. Well-formed operations are typed documents; what a test sends to be
 * refused — too deep, too aliased, too costly, unknown fields and enums, a subscription — is
 * sent as text, as an attacker would write it.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { testDatabases } from "@privet/db/testing";
import { getIntrospectionQuery, type IntrospectionQuery, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api.js";
import { TEST_PASSWORD, uniqueEmail } from "../test-support/fixtures.js";
import { graphql } from "../test-support/generated/gql.js";
import type { RegisterInput } from "../test-support/generated/graphql.js";
import { LIMITS } from "./limits.js";

const REGISTER = graphql(`
  mutation RegisterThroughTheBaseline($input: RegisterInput!) {
    register(input: $input) { customer { id } }
  }
`);
const VIEWER = graphql(`
  query BaselineViewer {
    viewer { kind }
  }
`);
const MY_SESSIONS = graphql(`
  query BaselineSessions {
    me { sessions { id } }
  }
`);
const GIVE_MARKETING = graphql(`
  mutation BaselineGivesMarketing {
    setConsent(purpose: MARKETING, state: GIVEN) { state }
  }
`);
/** graphql-js's own introspection query, typed by graphql-js's own result type. */
const INTROSPECTION: TypedDocumentNode<IntrospectionQuery, Record<string, never>> = parse(
  getIntrospectionQuery(),
);

function registration(overrides: Partial<RegisterInput> = {}) {
  return {
    input: {
      name: "Ada Byron",
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      country: "US",
      // A US address names its state (@privet/domain/places).
      region: "CA",
      ...overrides,
    },
  };
}

describe.each(testDatabases)("the security baseline on $name", (kind) => {
  let api: TestApi;
  const customers = () => api.db.prisma.customer.count();

  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("sends security headers and a request id, and no X-Powered-By", async () => {
    const result = await api.client().gql(VIEWER);
    expect(result.headers.get("x-content-type-options")).toBe("nosniff");
    expect(result.headers.get("x-frame-options")).toBe("DENY");
    expect(result.headers.get("referrer-policy")).toBe("no-referrer");
    expect(result.headers.get("cache-control")).toBe("no-store");
    expect(result.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.headers.get("x-powered-by")).toBeNull();
  });

  it("refuses a request without the CSRF-preflight header (CSRF prevention is on) and changes nothing", async () => {
    const before = await customers();
    const result = await api.client().gql(REGISTER, registration(), {
      preflight: false,
      headers: { "content-type": "text/plain" },
    });
    expect(result.status).toBe(400);
    expect(await customers()).toBe(before);
  });

  it("refuses a mutation over GET and changes nothing", async () => {
    const before = await customers();
    const result = await api.client().gql(REGISTER, registration(), { method: "GET" });
    expect(result.status).toBe(405);
    expect(await customers()).toBe(before);
  });

  it("refuses batched operations", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", "apollo-require-preflight": "1" },
      body: JSON.stringify([{ query: "{ viewer { kind } }" }, { query: "{ viewer { kind } }" }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
  });

  it("refuses queries that are too deep, too aliased or too large before running them", async () => {
    const shallow = await api.client().gql(MY_SESSIONS);
    expect(shallow.errors).toEqual([]);
    const tooDeep = `{ me { sessions { a { b { c { d { e { f { g { h { i } } } } } } } } } } }`;
    const depth = await api.client().gql(tooDeep);
    expect(depth.errors[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(depth.data).toBeNull();

    const aliases = Array.from(
      { length: LIMITS.aliases + 1 },
      (_, i) => `a${i}: viewer { kind }`,
    ).join(" ");
    const aliased = await api.client().gql(`{ ${aliases} }`);
    expect(aliased.errors[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(aliased.data).toBeNull();

    // Cost: a list asked for `first: n` costs n times its selection.
    const costly = await api
      .client()
      .gql(
        `{ partnerSubjects(first: 500) { edges { cursor node { id name email country cardLast4 pseudonymousId navigationEvents { path occurredAt } } } nodes { id name email country cardLast4 pseudonymousId navigationEvents { path occurredAt } } } }`,
      );
    expect(costly.errors[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(costly.errors[0]?.message).toMatch(/costs \d+; the limit is 10000/);

    const tokens = `{ ${Array.from({ length: LIMITS.tokens }, () => "viewer { kind }").join(" ")} }`;
    const large = await api.client().gql(tokens);
    expect(large.errors[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("refuses a body over the size limit with a JSON error and no stack", async () => {
    const result = await api
      .client()
      .gql(`{ viewer { kind } }`, { padding: "x".repeat(LIMITS.bodyBytes + 1) });
    expect(result.status).toBe(413);
    expect(result.errors[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");
    expect(JSON.stringify(result.errors)).not.toMatch(/at .*\.js:\d+/);
  });

  it("rejects malformed emails, oversize strings and unknown enum values with a code, writing nothing", async () => {
    const before = await customers();
    const cases: Array<[Partial<RegisterInput>, string, string | undefined]> = [
      [{ email: "not-an-email" }, "BAD_USER_INPUT", "email"],
      [{ email: `${"a".repeat(300)}@example.com` }, "BAD_USER_INPUT", "email"],
      [{ name: "x".repeat(201) }, "BAD_USER_INPUT", "name"],
      [{ name: "Bad\u0007Name" }, "BAD_USER_INPUT", "name"],
      [{ password: "short" }, "BAD_USER_INPUT", "password"],
      [{ country: "XX" }, "BAD_USER_INPUT", "country"],
      [{ country: "Germany" }, "BAD_USER_INPUT", "country"],
    ];
    for (const [overrides, code, field] of cases) {
      const result = await api.client().gql(REGISTER, registration(overrides));
      expect(result.errors[0]?.extensions?.code, JSON.stringify(overrides).slice(0, 60)).toBe(code);
      expect(result.errors[0]?.extensions?.field).toBe(field);
    }
    const unknownEnum = await api
      .client()
      .gql(`query { viewer { kind } } query Other @purpose(name: SELLING) { viewer { kind } }`);
    expect(unknownEnum.errors[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await customers()).toBe(before);
  });

  it("answers a malformed purpose header with 400 and a code, before anything runs", async () => {
    const result = await api
      .client()
      .gql(VIEWER, {}, { headers: { "x-privet-purpose": "SELLING" } });
    expect(result.status).toBe(400);
    expect(result.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.data).toBeNull();
  });

  it("never returns a stack trace or internal detail outside development", async () => {
    const result = await api.client().gql(`{ nope }`);
    expect(result.errors[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors[0]?.extensions?.stacktrace).toBeUndefined();
  });
});

describe.each(testDatabases.slice(0, 1))("client errors as HTTP statuses on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("answers a full introspection query in development (no limit mistakes it for an attack)", async () => {
    const result = await api.client().gql(INTROSPECTION);
    expect(result.status).toBe(200);
    expect(result.errors).toEqual([]);
    expect(result.data?.__schema.types.length).toBeGreaterThan(50);
  });

  it("answers client errors with the error table's 4xx, never 500", async () => {
    const client = api.client();
    const cost = await client.gql(
      `{ partnerSubjects(first: 500) { edges { cursor node { id name email country cardLast4 pseudonymousId navigationEvents { path occurredAt } } } nodes { id name email country cardLast4 pseudonymousId navigationEvents { path occurredAt } } } }`,
    );
    expect([cost.status, cost.errors[0]?.extensions?.code]).toEqual([400, "QUERY_TOO_COMPLEX"]);

    const badRef = await client.gql(
      `query @purpose(name: SUPPORT, ref: "not a valid ref!") { viewer { kind } }`,
    );
    expect([badRef.status, badRef.errors[0]?.extensions?.code]).toEqual([400, "BAD_USER_INPUT"]);

    const subscription = await client.gql(`subscription { viewer { kind } }`);
    expect([subscription.status, subscription.errors[0]?.extensions?.code]).toEqual([
      400,
      "OPERATION_NOT_SUPPORTED",
    ]);
    expect(subscription.errors[0]?.message).toMatch(/Subscriptions are not supported/);

    // A mutation its resolver refuses: nothing was done, so the status says why.
    const refused = await client.gql(REGISTER, registration({ email: "not-an-email" }));
    expect([refused.status, refused.errors[0]?.extensions?.code]).toEqual([400, "BAD_USER_INPUT"]);
    const unauthenticated = await client.gql(GIVE_MARKETING);
    expect(unauthenticated.status).toBe(401);

    // Data beside an error (a redaction) stays 200.
    const ok = await client.gql(VIEWER);
    expect(ok.status).toBe(200);
  });

  it("keeps our own messages whole, example addresses included", async () => {
    const result = await api.client().gql(REGISTER, registration({ email: "not-an-email" }));
    expect(result.errors[0]?.message).toBe("Enter an email address like name@example.com.");
  });
});

describe.each(testDatabases.slice(0, 1))("production mode on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind, { production: true });
  });
  afterAll(() => api?.close());

  it("turns introspection and field suggestions off", async () => {
    const introspection = await api.client().gql(`{ __schema { types { name } } }`);
    expect(introspection.errors[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(introspection.data).toBeNull();
    const typo = await api.client().gql(`{ viewr { kind } }`);
    expect(typo.errors[0]?.message).not.toMatch(/Did you mean/);
  });

  it("marks the session cookie and the device cookie Secure", async () => {
    const client = api.client();
    const result = await client.gql(REGISTER, registration());
    expect(result.setCookies.find((c) => c.startsWith("privet_session="))).toMatch(/; Secure/);
    expect(result.setCookies.find((c) => c.startsWith("privet_device="))).toMatch(
      /; HttpOnly; SameSite=Strict; .*; Secure/,
    );
  });
});
