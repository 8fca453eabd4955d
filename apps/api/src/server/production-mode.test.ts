/**
 * `npm run start:production` as a person runs it (scripts/start-production.mjs, on the built
 * API and the built portal and console): strict headers and cache rules on the served front
 * ends, /health and /ready, and a graceful stop on SIGTERM — a request in flight completes,
 * the process exits 0, and the ports refuse later connections. Waits are on lines and
 * answers, never on fixed sleeps.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { type OpenTestDatabase, testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../config.js";
import { frontEndSites, startFrontEnds } from "./front-ends.js";

const script = fileURLToPath(new URL("../../../../scripts/start-production.mjs", import.meta.url));
const apps = fileURLToPath(new URL("../../../", import.meta.url));
const WAIT_MS = 60_000;
/** PostgreSQL when the run has it (as a deployment would), else the embedded database. */
const postgres = testDatabases.find((kind) => kind.name === "postgres");

/** The started process, its output collected as lines. */
class Started {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr]) {
      let rest = "";
      stream?.on("data", (chunk: Buffer) => {
        const parts = (rest + chunk.toString("utf8")).split("\n");
        rest = parts.pop() ?? "";
        this.lines.push(...parts);
      });
    }
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  async line(pattern: RegExp): Promise<RegExpMatchArray> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      for (const line of this.lines) {
        const match = line.match(pattern);
        if (match) return match;
      }
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`no line ${pattern} in:\n${this.lines.join("\n")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function startProduction(env: Record<string, string> = {}): Started {
  return new Started(
    spawn(process.execPath, [script], {
      env: {
        PATH: process.env.PATH ?? "",
        PORT: "0",
        PRIVET_PORTAL_PORT: "0",
        PRIVET_CONSOLE_PORT: "0",
        PRIVET_DATA_DIR: "memory://",
        PRIVET_SEED_DEMO: "0",
        PRIVET_LOG: "silent",
        // The front ends call their own origin: no browser origin needs CORS.
        PRIVET_CORS_ORIGINS: "",
        PRIVET_SECRET: randomBytes(32).toString("hex"),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}

async function origins(started: Started) {
  const [, api = ""] = await started.line(/^Privet API ready: (\S+)$/);
  const [, portal = ""] = await started.line(/^Privet portal: (\S+)$/);
  const [, consoleUrl = ""] = await started.line(/^Privet console: (\S+)$/);
  return { api: new URL(api).origin, portal, console: consoleUrl };
}

/** A Content-Security-Policy header as directive → sources. */
function parseCsp(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

const hashedAsset = (app: string) => {
  const name = readdirSync(`${apps}${app}/dist/assets`).find((file) => /-[\w-]{8}\.js$/.test(file));
  if (!name) throw new Error(`no hashed script in apps/${app}/dist/assets`);
  return name;
};

describe("npm run start:production", () => {
  let api: Started;
  let sites: Awaited<ReturnType<typeof origins>>;
  let database: OpenTestDatabase | undefined;

  beforeAll(async () => {
    for (const app of ["portal", "console"]) {
      expect(existsSync(`${apps}${app}/dist/index.html`), `build apps/${app} first`).toBe(true);
    }
    database = await postgres?.open();
    const url = database?.config.kind === "postgres" ? database.config.url : undefined;
    api = startProduction({
      PRIVET_TRUST_PROXY: "loopback",
      ...(url ? { DATABASE_URL: url, PRIVET_WORKERS: "1" } : {}),
    });
    sites = await origins(api);
  }, WAIT_MS * 2);

  afterAll(async () => {
    if (api?.child.exitCode === null) {
      api.child.kill("SIGTERM");
      await api.exited;
    }
    await database?.drop();
  });

  it.each(["portal", "console"] as const)(
    "builds the %s's index.html without inline scripts, styles or handlers",
    (app) => {
      const html = readFileSync(`${apps}${app}/dist/index.html`, "utf8");
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toMatch(/\ssrc="\/assets\/[^"]+"/);
      expect(html).not.toMatch(/<script\b[^>]*>\s*[^<\s]/); // no script body
      expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    },
  );

  it.each(["portal", "console"] as const)(
    "serves the %s with a strict CSP and security headers, index.html uncached",
    async (app) => {
      const response = await fetch(`${sites[app]}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
      const csp = parseCsp(response.headers.get("content-security-policy"));
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("connect-src")).toEqual(["'self'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("base-uri")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("form-action")).toEqual(["'self'"]);
      const everySource = [...csp.values()].flat();
      expect(everySource).not.toContain("'unsafe-inline'");
      expect(everySource).not.toContain("'unsafe-eval'");
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("permissions-policy")).toContain("camera=()");
      // Plain HTTP from the client: no HSTS (browsers ignore it there anyway).
      expect(response.headers.get("strict-transport-security")).toBeNull();
    },
  );

  it.each(["portal", "console"] as const)(
    "caches the %s's hashed assets for a year and 404s unknown files",
    async (app) => {
      const asset = await fetch(`${sites[app]}/assets/${hashedAsset(app)}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get("content-type")).toMatch(/javascript/);
      expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      for (const path of ["/assets/index-00000000.js", "/assets/gone", "/missing.png"]) {
        const missing = await fetch(`${sites[app]}${path}`);
        expect(missing.status, path).toBe(404);
        expect(await missing.text(), path).not.toContain("<html");
      }
      // A client route is the app, uncached.
      const route = await fetch(`${sites[app]}/some/client/route`);
      expect(route.status).toBe(200);
      expect(route.headers.get("cache-control")).toBe("no-cache");
      expect(await route.text()).toContain('<div id="root">');
    },
  );

  it("[P-15] serves /.well-known/gpc.json on the portal's origin", async () => {
    const response = await fetch(`${sites.portal}/.well-known/gpc.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ gpc: true });
    // Other dotfiles stay hidden.
    expect((await fetch(`${sites.portal}/.env`)).status).toBe(404);
  });

  it("sends HSTS when a trusted proxy says the client came over HTTPS", async () => {
    const response = await fetch(`${sites.portal}/`, { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
  });

  it.each(["portal", "console"] as const)("answers GraphQL on the %s's own origin", async (app) => {
    const response = await fetch(`${sites[app]}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: sites[app] },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
    // The API's own headers: never cached.
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers /health and /ready on the API's port", async () => {
    expect((await fetch(`${sites.api}/health`)).status).toBe(200);
    const ready = await fetch(`${sites.api}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
  });
});

/**
 * Sends a POST's head (with `Expect: 100-continue`) and half its body. `started` resolves when
 * the server answered 100 Continue: it has parsed the head, so the request is in flight.
 */
function startSlowPost(origin: string, body: string) {
  const { hostname, port } = new URL(origin);
  const socket = connect(Number(port), hostname);
  const half = Math.floor(body.length / 2);
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n` +
      `Connection: close\r\n\r\n${body.slice(0, half)}`,
  );
  let received = "";
  let continued: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    continued = resolve;
  });
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("utf8");
    if (received.startsWith("HTTP/1.1 100 Continue")) continued();
  });
  const response = new Promise<string>((resolve, reject) => {
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
  });
  return { started, finish: () => socket.write(body.slice(half)), response };
}

async function refused(origin: string): Promise<boolean> {
  try {
    await fetch(`${origin}/health`);
    return false;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
  }
}

describe("SIGTERM in production mode", () => {
  it.each(["api", "portal"] as const)(
    "lets a request in flight on the %s's port finish, exits 0, then refuses connections",
    async (port) => {
      const started = startProduction();
      try {
        const sites = await origins(started);
        const slow = startSlowPost(sites[port], JSON.stringify({ query: "{ __typename }" }));
        await slow.started;
        started.child.kill("SIGTERM");
        await started.line(/^SIGTERM: stopping$/);
        slow.finish();
        const response = await slow.response;
        expect(response).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
        expect(response).toContain('{"data":{"__typename":"Query"}}');
        expect(await started.exited).toBe(0);
        for (const origin of [sites.api, sites.portal, sites.console]) {
          expect(await refused(origin), origin).toBe(true);
        }
      } finally {
        if (started.child.exitCode === null) started.child.kill("SIGKILL");
      }
    },
    WAIT_MS * 2,
  );
});

describe.runIf(postgres)("start:production with PRIVET_WORKERS=2 on PostgreSQL", () => {
  it(
    "serves the front ends and /ready from the workers, and stops them all on SIGTERM",
    async () => {
      const database = await (postgres as NonNullable<typeof postgres>).open();
      if (database.config.kind !== "postgres") throw new Error("expected PostgreSQL");
      // Fixed ports (the cluster's workers print no front-end addresses): set them with
      // PRIVET_TEST_PRODUCTION_PORTS=api,portal,console if these are taken.
      const [apiPort = "4816", portalPort = "4817", consolePort = "4818"] = (
        process.env.PRIVET_TEST_PRODUCTION_PORTS ?? ""
      )
        .split(",")
        .filter(Boolean);
      const started = startProduction({
        DATABASE_URL: database.config.url,
        PRIVET_WORKERS: "2",
        PORT: apiPort,
        PRIVET_PORTAL_PORT: portalPort,
        PRIVET_CONSOLE_PORT: consolePort,
      });
      try {
        const [, url = ""] = await started.line(/^Privet API ready: (\S+) \(2 workers\)$/);
        const api = new URL(url);
        expect(await (await fetch(`${api.origin}/ready`)).json()).toEqual({ ready: true });
        for (const port of [portalPort, consolePort]) {
          const page = await fetch(`http://127.0.0.1:${port}/`, {
            headers: { connection: "close" },
          });
          expect(page.status).toBe(200);
          expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
          const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ query: "{ __typename }" }),
          });
          expect(answer.headers.get("x-privet-worker")).toMatch(/^[12]$/);
        }
        started.child.kill("SIGTERM");
        expect(await started.exited).toBe(0);
        for (const port of [apiPort, portalPort, consolePort]) {
          expect(await refused(`http://127.0.0.1:${port}`)).toBe(true);
        }
      } finally {
        if (started.child.exitCode === null) started.child.kill("SIGKILL");
        await database.drop();
      }
    },
    WAIT_MS * 2,
  );
});

describe("start:production refusals", () => {
  it("refuses to start without PRIVET_SECRET, saying so", async () => {
    const started = startProduction({ PRIVET_SECRET: "" });
    expect(await started.exited).toBe(1);
    expect(started.lines.join("\n")).toContain("PRIVET_SECRET must be set in production");
  });

  it("refuses to serve a front end that was not built, naming the command", async () => {
    const sites = frontEndSites({ portalPort: 0, consolePort: 0 }).map((site) => ({
      ...site,
      dist: `${site.dist}-not-built`,
    }));
    const starting = startFrontEnds(sites, {
      api: () => undefined,
      host: "127.0.0.1",
      trustProxy: 0,
    });
    await expect(starting).rejects.toThrow(ConfigError);
    await expect(starting).rejects.toThrow(/needs the built portal .* run `npm run build` first/);
  });
});
