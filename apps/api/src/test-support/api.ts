/**
 * Tests drive the API the way clients do: over HTTP, against a real database (PGlite and
 * PostgreSQL, from @privet/db/testing). Each test file starts one server per database.
 */

import { randomBytes } from "node:crypto";
import type { ResultOf, TypedDocumentNode, VariablesOf } from "@graphql-typed-document-node/core";
import { generateSigningKeyPem, signerFromPrivateKey } from "@privet/db/checkpoints";
import { type Database, openDatabase } from "@privet/db/client";
import { type ScryptParameters, THROWAWAY_PASSWORD_HASHING } from "@privet/db/passwords";
import type { OpenTestDatabase, TestDatabaseKind } from "@privet/db/testing";
import { type DocumentNode, print } from "graphql";
import { type ApiConfig, DEFAULTS } from "../config.js";
import { type RunningServer, startServer } from "../server/create-server.js";

export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly data: T | null;
  readonly errors: ReadonlyArray<{
    message: string;
    path?: ReadonlyArray<string | number>;
    extensions?: Record<string, unknown> & { code?: string };
  }>;
  readonly setCookies: string[];
}

export interface RequestOptions {
  readonly headers?: Record<string, string>;
  readonly method?: "GET" | "POST";
  /** Send Apollo's CSRF-preflight header (default true, as the portal's client does). */
  readonly preflight?: boolean;
}

/** Variables are optional when the operation requires none (all optional, or no variables). */
type VariablesAndOptions<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: RequestOptions]
    : [variables: TVariables, options?: RequestOptions];

const printedDocuments = new WeakMap<DocumentNode, string>();

/** A document as the text sent over HTTP (printed once per document). */
function printed(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) {
    text = print(document);
    printedDocuments.set(document, text);
  }
  return text;
}

/** A client with its own cookie jar, like one browser. */
export class ApiClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly url: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  /**
   * Sends a document from `graphql(`…`)` (src/test-support/generated): the response's data and
   * the variables are typed from the schema. Variables may be left out when none is required.
   */
  gql<TDocument extends TypedDocumentNode<unknown, never>>(
    document: TDocument,
    ...rest: VariablesAndOptions<VariablesOf<TDocument>>
  ): Promise<GraphQLResponse<ResultOf<TDocument>>>;
  /**
   * Sends a query as text, untyped: for tests that must send what no typed document can — a
   * query generated from the schema, or one invalid, oversized or hostile on purpose.
   */
  gql(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<Record<string, unknown>>>;
  async gql(
    document: string | DocumentNode,
    variables: Record<string, unknown> = {},
    options: RequestOptions = {},
  ): Promise<GraphQLResponse<unknown>> {
    const query = typeof document === "string" ? document : printed(document);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent":
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
      ...(options.preflight === false ? {} : { "apollo-require-preflight": "true" }),
      ...this.defaultHeaders,
      ...options.headers,
    };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    const method = options.method ?? "POST";
    const target =
      method === "GET"
        ? `${this.url}?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`
        : this.url;
    const response = await fetch(target, {
      method,
      headers,
      ...(method === "POST" ? { body: JSON.stringify({ query, variables }) } : {}),
    });
    const setCookies = response.headers.getSetCookie();
    for (const cookie of setCookies) {
      const [pair = "", ...attributes] = cookie.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => a.trim().toLowerCase() === "max-age=0");
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let body: { data?: unknown; errors?: GraphQLResponse["errors"] } = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = { errors: [{ message: text, extensions: { code: "NOT_JSON" } }] };
    }
    return {
      status: response.status,
      headers: response.headers,
      data: body.data ?? null,
      errors: body.errors ?? [],
      setCookies,
    };
  }
}

export interface TestApi {
  readonly url: string;
  readonly db: Database;
  readonly config: ApiConfig;
  client(headers?: Record<string, string>): ApiClient;
  close(): Promise<void>;
}

/**
 * Cheap scrypt parameters for tests (1 MiB, a few milliseconds): the suite registers and signs
 * in hundreds of people, and OWASP's parameters cost a few hundred milliseconds each. Tests of
 * hashing itself, and of re-hashing at sign-in, pass PASSWORD_HASHING explicitly.
 */
export const TEST_PASSWORD_HASHING: ScryptParameters = THROWAWAY_PASSWORD_HASHING;

/** One throwaway checkpoint key for the test run (never a key file in the temp folder). */
export const TEST_CHECKPOINT_SIGNER = signerFromPrivateKey(generateSigningKeyPem());

/** Likewise one throwaway consent-receipt key. */
export const TEST_RECEIPT_SIGNER = signerFromPrivateKey(generateSigningKeyPem());

export function testConfig(
  database: OpenTestDatabase["config"],
  overrides: Partial<ApiConfig> = {},
): ApiConfig {
  return {
    port: 0,
    host: "127.0.0.1",
    production: false,
    development: false,
    hashKey: randomBytes(32).toString("hex"),
    checkpointSigner: TEST_CHECKPOINT_SIGNER,
    receiptSigner: TEST_RECEIPT_SIGNER,
    keyRotation: [],
    database,
    seedDemoData: false,
    trustProxy: 0,
    corsOrigins: [],
    embedOrigins: [],
    // The tests' webhook receivers listen on loopback (webhook-destination.test.ts covers refuse).
    webhookPrivateAddresses: "allow",
    attemptLimits: {
      ...DEFAULTS.attemptLimits,
      // Every test client is 127.0.0.1: the per-IP budgets are tested with their own overrides.
      perIp: 100_000,
      registrationsPerIp: 100_000,
    },
    smtpUrl: null,
    portalUrl: DEFAULTS.portalUrl,
    apiUrl: DEFAULTS.apiUrl,
    consoleUrl: DEFAULTS.consoleUrl,
    staffIdleMs: DEFAULTS.staffIdleMinutes * 60_000,
    mailFrom: DEFAULTS.mailFrom,
    contactEmail: DEFAULTS.contactEmail,
    passwordHashing: TEST_PASSWORD_HASHING,
    workers: 1,
    ...overrides,
  };
}

/**
 * What a test API was started with, by its database client: fixtures that only get the client
 * (createStaff, signInStaff) seal second-factor secrets with the server's key and compute codes
 * on the server's clock, a fake one included.
 */
const runningServers = new WeakMap<object, { config: ApiConfig; clock: () => Date }>();

export function testServerOf(prisma: object): { config: ApiConfig; clock: () => Date } | null {
  return runningServers.get(prisma) ?? null;
}

/** Starts the API on a fresh test database; close() stops it and drops the database. */
export async function startTestApi(
  kind: TestDatabaseKind,
  overrides: Partial<ApiConfig> & {
    privacyEnforced?: boolean;
    /** A fake clock for every request's `now` (attempt limits, sessions); real time by default. */
    clock?: () => Date;
  } = {},
): Promise<TestApi> {
  const testDb = await kind.open();
  const { privacyEnforced, clock, ...configOverrides } = overrides;
  const config = testConfig(testDb.config, configOverrides);
  let db: Database | undefined;
  let server: RunningServer | undefined;
  try {
    db = await openDatabase(testDb.config);
    server = await startServer({
      prisma: db.prisma,
      audit: db.audit,
      reader: db.reader,
      config,
      privacyEnforced,
      clock,
    });
  } catch (error) {
    await db?.close();
    await testDb.drop();
    throw error;
  }
  const running = server;
  const database = db;
  runningServers.set(database.prisma, { config, clock: clock ?? (() => new Date()) });
  // Links in emails point at this server, as PRIVET_API_URL does in a deployment (the port is
  // known only now). Resolvers read the config at request time.
  if (!configOverrides.apiUrl) {
    (config as { apiUrl: string }).apiUrl = new URL(running.url).origin;
  }
  return {
    url: running.url,
    db: database,
    config,
    client: (headers) => new ApiClient(running.url, headers),
    async close() {
      await running.close();
      await database.close();
      await testDb.drop();
    },
  };
}
