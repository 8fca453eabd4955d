/**
 * Production mode (PRIVET_SERVE_FRONT_ENDS=1): the API process serves the built portal and
 * console (apps/{portal,console}/dist), each on its own port, so they stay separate origins as
 * under `vite preview` and their session cookies stay apart. Their /graphql (and the portal's
 * /my-data-export) go to the API's own request handler in this process: the same-origin
 * "proxy" of development without a network hop, so the client address the API sees is the
 * connection's (or the trusted proxy's X-Forwarded-For, as on the API's port).
 *
 * Static rules: hashed build output (/assets/*-<hash>.*) is cached for a year, immutable;
 * index.html and the client routes answered with it are `no-cache` (revalidated each time, so
 * a deployment is picked up at once); an unknown path with a file extension, or anything
 * under /assets/, is a 404, never index.html (a missing script must not come back as HTML).
 */
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import { ConfigError, type TrustProxy } from "../config.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FrontEndSite {
  readonly name: "portal" | "console";
  readonly port: number;
  /** The Vite build's folder (index.html and assets/). */
  readonly dist: string;
  /** Paths handed to the API's handler as they are. */
  readonly apiPaths: readonly string[];
}

/**
 * The front ends' Content Security Policy. Vite's build emits no inline script or style (the
 * production-mode test parses the built index.html), so nothing here needs 'unsafe-inline';
 * the apps call only their own origin (/graphql), hence connect-src 'self'.
 */
export const FRONT_END_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'self'",
].join("; ");

const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()";

const APPS = fileURLToPath(new URL("../../../", import.meta.url));

/** The two sites production mode serves, from the repository's build folders. */
export function frontEndSites(ports: { portalPort: number; consolePort: number }): FrontEndSite[] {
  return [
    {
      name: "portal",
      port: ports.portalPort,
      dist: join(APPS, "portal", "dist"),
      apiPaths: ["/graphql", "/my-data-export"],
    },
    {
      name: "console",
      port: ports.consolePort,
      dist: join(APPS, "console", "dist"),
      apiPaths: ["/graphql"],
    },
  ];
}

function isApiPath(url: string | undefined, apiPaths: readonly string[]): boolean {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return apiPaths.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** The Express app serving one built front end (everything but its API paths). */
export function frontEndApp(site: FrontEndSite, trustProxy: TrustProxy) {
  const app = express();
  app.disable("x-powered-by");
  // As on the API's port (create-server.ts): a hop count or the proxies' addresses.
  app.set("trust proxy", trustProxy === 0 ? false : trustProxy);
  app.use((req, res, next) => {
    res.setHeader("Content-Security-Policy", FRONT_END_CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    // Only over HTTPS: this process speaks plain HTTP, so that means a trusted proxy
    // (PRIVET_TRUST_PROXY) said X-Forwarded-Proto: https. HSTS over plain HTTP is ignored by
    // browsers, and sent for a local http://localhost it would only mislead.
    if (req.secure) {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    next();
  });
  app.use(
    "/assets",
    express.static(join(site.dist, "assets"), {
      immutable: true,
      maxAge: "365d",
      index: false,
      redirect: false,
    }),
    (_req, res) => notFound(res),
  );
  // /.well-known/gpc.json (P-15) and any other file Vite copied from public/.well-known: the
  // folder's leading dot would otherwise be refused as a dotfile.
  app.use(
    "/.well-known",
    express.static(join(site.dist, ".well-known"), {
      index: false,
      redirect: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
    }),
  );
  app.use(
    express.static(site.dist, {
      index: false,
      redirect: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
    }),
  );
  const indexHtml = join(site.dist, "index.html");
  app.use((req, res) => {
    const last = req.path.split("/").pop() ?? "";
    // A client route (/account, /staff/42) gets the app; a path naming a file does not.
    if ((req.method === "GET" || req.method === "HEAD") && !last.includes(".")) {
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(indexHtml);
      return;
    }
    notFound(res);
  });
  return app;
}

function notFound(res: express.Response): void {
  res.status(404).setHeader("Cache-Control", "no-store").type("text/plain").send("Not found\n");
}

export interface RunningFrontEnds {
  readonly sites: ReadonlyArray<{ readonly name: string; readonly port: number }>;
  /** Stops accepting, lets requests in flight finish (at most `boundMs`), then closes. */
  close(boundMs: number): Promise<void>;
}

/** Listens for the built front ends; refuses to start when a build is missing. */
export async function startFrontEnds(
  sites: readonly FrontEndSite[],
  options: { api: Handler; host: string; trustProxy: TrustProxy },
): Promise<RunningFrontEnds> {
  const missing = sites.filter((site) => !existsSync(join(site.dist, "index.html")));
  if (missing.length > 0) {
    throw new ConfigError(
      missing.map(
        (site) =>
          `PRIVET_SERVE_FRONT_ENDS=1 needs the built ${site.name} (${join(site.dist, "index.html")} is missing): run \`npm run build\` first`,
      ),
    );
  }
  const servers: Server[] = [];
  const running: Array<{ name: string; port: number }> = [];
  for (const site of sites) {
    const app = frontEndApp(site, options.trustProxy);
    const server = createServer((req, res) => {
      if (isApiPath(req.url, site.apiPaths)) options.api(req, res);
      else app(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(site.port, options.host, () => resolve());
    });
    servers.push(server);
    const address = server.address();
    running.push({
      name: site.name,
      port: typeof address === "object" && address ? address.port : site.port,
    });
  }
  return {
    sites: running,
    close: (boundMs) => Promise.all(servers.map((s) => closeGracefully(s, boundMs))).then(() => {}),
  };
}

/**
 * Stops accepting connections at once, closes keep-alive connections as soon as they are idle,
 * and gives requests in flight `boundMs` to finish before cutting what is left.
 */
export function closeGracefully(server: Server, boundMs: number): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const bound = setTimeout(() => server.closeAllConnections(), boundMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(bound);
      resolve();
    });
    server.closeIdleConnections();
  });
}
