/**
 * Tests drive the API the way clients do: over HTTP, against a real database (PGlite and
 * PostgreSQL, from @privet/db/testing). Each test file starts one server per database.
 */
import { randomBytes } from "node:crypto";
import { type Database, openDatabase } from "@privet/db/client";
import type { OpenTestDatabase, TestDatabaseKind } from "@privet/db/testing";
import type { ApiConfig } from "../config.js";
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

/** A client with its own cookie jar, like one browser. */
export class ApiClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly url: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: RequestOptions = {},
  ): Promise<GraphQLResponse<T>> {
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
    let body: { data?: T | null; errors?: GraphQLResponse<T>["errors"] } = {};
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

export function testConfig(
  database: OpenTestDatabase["config"],
  overrides: Partial<ApiConfig> = {},
): ApiConfig {
  return {
    port: 0,
    host: "127.0.0.1",
    production: false,
    hashKey: randomBytes(32).toString("hex"),
    database,
    seedDemoData: false,
    trustProxy: false,
    corsOrigins: [],
    attemptLimits: { perAccount: 10, perIp: 100_000 },
    ...overrides,
  };
}

/** Starts the API on a fresh test database; close() stops it and drops the database. */
export async function startTestApi(
  kind: TestDatabaseKind,
  overrides: Partial<ApiConfig> & { privacyEnforced?: boolean } = {},
): Promise<TestApi> {
  const testDb = await kind.open();
  const { privacyEnforced, ...configOverrides } = overrides;
  const config = testConfig(testDb.config, configOverrides);
  let db: Database | undefined;
  let server: RunningServer | undefined;
  try {
    db = await openDatabase(testDb.config);
    server = await startServer({ prisma: db.prisma, audit: db.audit, config, privacyEnforced });
  } catch (error) {
    await db?.close();
    await testDb.drop();
    throw error;
  }
  const running = server;
  const database = db;
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
