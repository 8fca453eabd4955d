/**
 * GraphQL over HTTP for the tests' set-up and checks, the way any client talks to the API: a
 * POST with `apollo-require-preflight` (Apollo's CSRF prevention) and the session cookie, which
 * Playwright's request context keeps like a browser would. Never SQL.
 */
import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, request as playwrightRequest } from "@playwright/test";
import { demoSecretOf, withTotpCode } from "./totp.js";
import { API_URL } from "./urls.js";

export interface GraphQLResult<T> {
  readonly data?: T | null;
  readonly errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

export const PREFLIGHT = { "apollo-require-preflight": "true" } as const;

/** Sends one operation; `url` is the API itself or the portal's /graphql proxy. */
export async function gql<T>(
  http: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
  url = `${API_URL}/graphql`,
): Promise<GraphQLResult<T>> {
  const response = await http.post(url, {
    headers: { ...PREFLIGHT, "content-type": "application/json" },
    data: { query, variables },
  });
  const body = (await response.json()) as GraphQLResult<T>;
  return body;
}

/** Like gql, but the operation must succeed: returns its data. */
export async function gqlOk<T>(
  http: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
  url?: string,
): Promise<T> {
  const result = await gql<T>(http, query, variables, url);
  expect(result.errors ?? [], `GraphQL errors for ${query.slice(0, 60)}…`).toEqual([]);
  if (!result.data) throw new Error("no data");
  return result.data;
}

/** A fresh HTTP client with its own cookie jar, straight to the API. */
export function apiClient(
  extraHTTPHeaders: Record<string, string> = {},
): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ extraHTTPHeaders });
}

export const DEMO_PASSWORD = "privet-demo";
export const DEMO_CUSTOMER = "demo.customer@example.com";
export const TEST_PASSWORD = "e2e-correct-horse-battery";

export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}.${randomUUID().slice(0, 8)}@example.com`;
}

export interface Customer {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

/**
 * Registers a customer through the API; the client is then signed in as them. Pass a page's
 * `page.request` and the portal's "/graphql" to sign the browser itself in (it shares cookies).
 */
export async function registerCustomer(
  http: APIRequestContext,
  input: Partial<{ name: string; email: string; country: string; region: string }> = {},
  url?: string,
): Promise<Customer> {
  const name = input.name ?? `E2E Person ${randomUUID().slice(0, 6)}`;
  const email = input.email ?? uniqueEmail();
  const data = await gqlOk<{ register: { customer: { id: string } } }>(
    http,
    `mutation Register($input: RegisterInput!) { register(input: $input) { customer { id } } }`,
    {
      input: {
        name,
        email,
        password: TEST_PASSWORD,
        country: input.country ?? "DE",
        region: input.region ?? null,
      },
    },
    url,
  );
  return { id: data.register.customer.id, name, email, password: TEST_PASSWORD };
}

const STAFF_SIGN_IN = `mutation StaffSignIn($email: String!, $password: String!, $totpCode: String) { staffSignIn(email: $email, password: $password, totpCode: $totpCode) { id role } }`;

/**
 * Signs a client in as a staff member over the API; returns their id and role. The demo
 * administrator and privacy officer give their authenticator's code too (support/totp.ts).
 * `url`: the API itself by default, or a front end's /graphql proxy.
 */
export async function staffSignInOver(
  http: APIRequestContext,
  email: string,
  password: string,
  url?: string,
): Promise<{ id: string; role: string }> {
  type Result = { staffSignIn: { id: string; role: string } };
  const secret = demoSecretOf(email);
  if (!secret) {
    return (await gqlOk<Result>(http, STAFF_SIGN_IN, { email, password }, url)).staffSignIn;
  }
  return withTotpCode<Result["staffSignIn"]>(email, secret, async (totpCode) => {
    const result = await gql<Result>(http, STAFF_SIGN_IN, { email, password, totpCode }, url);
    if (result.errors?.[0]?.extensions?.code === "TOTP_INVALID") return { refused: true };
    expect(result.errors ?? [], "staff sign-in").toEqual([]);
    if (!result.data) throw new Error("no data");
    return { refused: false, value: result.data.staffSignIn };
  });
}

/** The signed-in customer's recorded page views, newest first. */
export async function navigationEventsOf(http: APIRequestContext, url?: string) {
  const data = await gqlOk<{ me: { navigationEvents: Array<{ path: string }> | null } | null }>(
    http,
    `query Navigation { me { id navigationEvents { path occurredAt } } }`,
    {},
    url,
  );
  if (!data.me) throw new Error("not signed in");
  return data.me.navigationEvents ?? [];
}

/** Signs a client in as a customer (e.g. the demo customer); "/graphql" through a page's request signs the browser in. */
export async function signInOver(
  http: APIRequestContext,
  email: string,
  password: string,
  url?: string,
) {
  await gqlOk(
    http,
    `mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { customer { id } } }`,
    { email, password },
    url,
  );
}
