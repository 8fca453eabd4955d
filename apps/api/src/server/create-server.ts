/**
 * The HTTP server: Express 5 carrying Apollo Server 5 at /graphql, with the security baseline:
 * CSRF prevention, one operation per request, limits checked before execution, no
 * introspection or field suggestions in production, no stack traces outside development, a
 * body size limit and security headers. A plain JSON POST to /graphql reaches Apollo without
 * Express's router (graphql-http.ts), with the same headers, limits and errors.
 */
import "reflect-metadata";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import type { AuditWriter } from "@privet/db/audit";
import {
  isDatabaseUnavailable,
  type PrismaClient,
  prismaSqlReader,
  type SqlReader,
} from "@privet/db/client";
import { GPC_SUPPORT_PATH } from "@privet/domain/gpc";
import express from "express";
import type { ApiConfig } from "../config.js";
import type { AttemptLimiters, Context } from "../context/context.js";
import { createContext } from "../context/create-context.js";
import { AppError } from "../errors/app-error.js";
import { ACCOUNT_DELAYS, GrowingDelay, RateLimiter } from "../http/rate-limit.js";
import { logger } from "../log/logger.js";
import {
  CHECKPOINT_KEY_PATH,
  checkpointKeyRoute,
  startCheckpointJob,
} from "../modules/audit/public.js";
import { applyPrivacySignals, gpcSupportRoute } from "../modules/consent/public.js";
import { JWKS_PATH, jwksRoute } from "../modules/consent-receipts/public.js";
import { DATA_EXPORT_PATH, dataExportRoute } from "../modules/data-export/public.js";
import { startEmailDelivery } from "../modules/email/public.js";
import { EMBED_PATH, embedRoutes } from "../modules/embed/public.js";
import { unsubscribeRoutes } from "../modules/marketing/public.js";
import { staffActionPlugin } from "../modules/staff-actions/public.js";
import { startWebhookDelivery } from "../modules/webhooks/public.js";
import { privacyPlugin } from "../privacy/privacy-plugin.js";
import { privetSchema } from "../schema/build-schema.js";
import { traceHttpRequest } from "../telemetry/http-span.js";
import { instrumentAuditWriter, instrumentSqlReader } from "../telemetry/instrument-database.js";
import { activeInstruments } from "../telemetry/instruments.js";
import { observeBackgroundLag } from "../telemetry/lag-gauges.js";
import { telemetryPlugin } from "../telemetry/telemetry-plugin.js";
import { errorFormatter } from "./format-error.js";
import {
  closeGracefully,
  frontEndSites,
  type RunningFrontEnds,
  startFrontEnds,
} from "./front-ends.js";
import { graphqlFastPath, takesRequest } from "./graphql-http.js";
import { httpStatusPlugin } from "./http-status-plugin.js";
import { aliasLimit, depthLimit, LIMITS } from "./limits.js";
import { operationGuardPlugin } from "./operation-guard-plugin.js";
import { readinessCheck, readinessRoute } from "./readiness.js";
import { securityHeaders, setSecurityHeaders } from "./security-headers.js";

/** How long a stopping process lets requests in flight finish before cutting them. */
export const DRAIN_MS = 10_000;

export interface ServerOptions {
  readonly prisma: PrismaClient;
  /** Where the privacy plugin writes each request's access records (Database.audit). */
  readonly audit: AuditWriter;
  /**
   * The read path's hand-written SQL on its own driver connection (Database.reader); without
   * one, the same statements go through the Prisma client (tests that count its statements).
   */
  readonly reader?: SqlReader;
  readonly config: ApiConfig;
  /** Only the benchmark turns enforcement off, to measure what it costs. */
  readonly privacyEnforced?: boolean;
  /** Each request's time (`request.now`, which the attempt limits count by); tests pass a fake one. */
  readonly clock?: () => Date;
  /**
   * Whether this process runs the background jobs — today the outbox delivery timer; any
   * timer-driven job added later starts under the same flag. Exactly one process of a
   * deployment does: the single process, or worker slot 1 of a cluster (server/cluster.ts).
   * Default true (one process, and tests).
   */
  readonly runsBackgroundJobs?: boolean;
  /** The worker's slot in a cluster: every response then carries `X-Privet-Worker`. */
  readonly workerId?: number;
  /**
   * Run the checkpoint job (advancing the hash chains' signed checkpoints every minute), in
   * the process that runs the background jobs. A real start (serve-process.ts) turns it on;
   * tests leave it off (their statement counts stay exact).
   */
  readonly checkpointJob?: boolean;
  /**
   * Run the webhook outbox every few seconds (fan-out and delivery to processors), in the
   * process that runs the background jobs. A real start turns it on; tests drive it through
   * `deliverWebhooksNow` with their own clock.
   */
  readonly webhookJob?: boolean;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Whether this process started the background jobs (ServerOptions.runsBackgroundJobs). */
  readonly runsBackgroundJobs: boolean;
  /** The built front ends this process serves (config.frontEnds), with their ports. */
  readonly frontEnds: ReadonlyArray<{ readonly name: string; readonly port: number }>;
  /**
   * Graceful stop: /ready turns 503, the ports stop accepting, requests in flight get up to
   * DRAIN_MS to finish, then the background jobs stop after their current batch. The caller
   * then closes the database (which flushes the audit writer).
   */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { config } = options;
  const { prisma } = options;
  const { hashKey, attemptLimits } = config;
  const limits: AttemptLimiters = {
    signInPerIp: new RateLimiter(prisma, hashKey, attemptLimits.perIp),
    signInPerAccount: new GrowingDelay(prisma, hashKey, {
      ...ACCOUNT_DELAYS,
      freeFailures: attemptLimits.failuresBeforeDelay,
    }),
    signInPerDevice: new RateLimiter(prisma, hashKey, attemptLimits.perDevice),
    registrationPerIp: new RateLimiter(prisma, hashKey, attemptLimits.registrationsPerIp),
    formsPerIp: new RateLimiter(prisma, hashKey, attemptLimits.perIp),
  };
  // Telemetry (src/telemetry): unwrapped, and no spans, when it is off.
  const reader = instrumentSqlReader(options.reader ?? prismaSqlReader(prisma));
  const audit = instrumentAuditWriter(options.audit);
  const app = express();
  // A plain JSON POST to /graphql takes the fast path (graphql-http.ts); the rest, Express.
  let fastPath: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (fastPath && takesRequest(req, LIMITS.bodyBytes)) {
      fastPath(req, res).catch((error: unknown) => {
        logger.error("graphql request failed", { error });
        if (res.headersSent) res.destroy();
        else jsonErrors({ status: 500 }, req as express.Request, res as express.Response, () => {});
      });
    } else {
      app(req, res);
    }
  };
  const http: Server = createHttpServer((req, res) => traceHttpRequest(req, res, handle));
  let stopping = false;
  app.disable("x-powered-by");
  // A hop count or the proxies' addresses (config.ts); never `true`, which would take the
  // client's own X-Forwarded-For as its address.
  app.set("trust proxy", config.trustProxy === 0 ? false : config.trustProxy);
  app.use(securityHeaders(config.production));
  const worker = String(options.workerId);
  if (options.workerId !== undefined) {
    app.use((_req, res, next) => {
      res.setHeader("X-Privet-Worker", worker);
      next();
    });
  }

  const apollo = new ApolloServer<Context>({
    schema: await privetSchema(),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // main.ts owns SIGINT/SIGTERM: it stops this server and then closes the database. Apollo's
    // own handlers would re-raise the signal once it stopped, killing the process before the
    // database closed (an unclean PGlite shutdown, its folder lock left behind).
    stopOnTerminationSignals: false,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: config.development,
    parseOptions: { maxTokens: LIMITS.tokens },
    validationRules: [depthLimit(LIMITS.depth), aliasLimit(LIMITS.aliases)],
    formatError: errorFormatter(config.development),
    plugins: [
      // Apollo installs cache control by default, and it wraps every field's resolver to
      // collect cache hints (willResolveField) that Privet never uses: every response is
      // `Cache-Control: no-store` (security-headers.ts). It cost more per request than the
      // privacy middleware (bench/RESULTS.md). Traces and usage reports would be sent to
      // Apollo's cloud: never, even if APOLLO_KEY happens to be set.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      // Only while telemetry is on: off, not even a per-request listener call.
      ...(activeInstruments() ? [telemetryPlugin] : []),
      privacyPlugin,
      staffActionPlugin,
      operationGuardPlugin,
      httpStatusPlugin,
    ],
  });
  await apollo.start();

  const contextFor = (req: express.Request, res: express.Response): Promise<Context> =>
    contextOrUnavailable(req, res).catch((error: unknown) => {
      // The session lookup needs the database. Apollo answers a failed context with a 500 and
      // no plugin runs, so a database that is failing over is said here: a retryable 503.
      if (isDatabaseUnavailable(error)) {
        throw new AppError("DATABASE_UNAVAILABLE", undefined, { http: { status: 503 } });
      }
      throw error;
    });
  const contextOrUnavailable = async (
    req: express.Request,
    res: express.Response,
  ): Promise<Context> => {
    const context = await createContext(
      {
        prisma: options.prisma,
        audit,
        reader,
        config,
        privacyEnforced: options.privacyEnforced ?? true,
        limits,
        clock: options.clock ?? (() => new Date()),
      },
      req,
      res,
    );
    // GPC and DNT (P-15), applied before every operation: the gate and recordPageView see
    // a GPC withdrawal from this request on.
    await applyPrivacySignals(context);
    return context;
  };

  app.get("/health", (_req, res) => {
    res.json({ ok: true });
  });
  app.get(
    "/ready",
    readinessRoute(
      readinessCheck({ prisma: options.prisma, audit: options.audit, stopping: () => stopping }),
    ),
  );
  app.get(CHECKPOINT_KEY_PATH, checkpointKeyRoute(config.checkpointSigner));
  // The consent receipts' public key, and the GPC support resource (P-15).
  app.get(JWKS_PATH, jwksRoute(config.receiptSigner));
  app.get(GPC_SUPPORT_PATH, gpcSupportRoute());
  // One-click unsubscribe from marketing emails, without signing in (P-08).
  app.use("/unsubscribe", unsubscribeRoutes({ prisma: options.prisma, config }));
  // The data export as a streamed download (data-export/export-route.ts), outside GraphQL.
  app.options(DATA_EXPORT_PATH, corsFor(config.corsOrigins));
  app.get(
    DATA_EXPORT_PATH,
    corsFor(config.corsOrigins),
    dataExportRoute({ contextFor, corsOrigins: config.corsOrigins }),
  );
  // The embeddable banner on the company's other sites: its script and its cross-origin calls
  // (PRIVET_EMBED_ORIGINS only, no cookies; modules/embed).
  app.use(EMBED_PATH, embedRoutes({ contextFor, embedOrigins: config.embedOrigins }));
  app.use(
    "/graphql",
    corsFor(config.corsOrigins),
    express.json({ limit: LIMITS.bodyBytes }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => contextFor(req, res),
    }),
  );
  fastPath = graphqlFastPath({
    app,
    apollo,
    bodyLimit: LIMITS.bodyBytes,
    // What the middleware above the GraphQL route sets on every response, in the same order.
    prepare: (req, res) => {
      setSecurityHeaders(res, config.production);
      if (options.workerId !== undefined) res.setHeader("X-Privet-Worker", worker);
      setCorsHeaders(req, res, config.corsOrigins);
    },
    context: contextFor,
    badBody: (res) =>
      jsonErrors({ status: 400, type: "entity.parse.failed" }, res.req, res, () => {}),
  });
  app.use(jsonErrors);

  await new Promise<void>((resolve) => http.listen(config.port, config.host, resolve));
  const port = (http.address() as AddressInfo).port;
  let frontEnds: RunningFrontEnds | undefined;
  if (config.frontEnds) {
    try {
      frontEnds = await startFrontEnds(frontEndSites(config.frontEnds), {
        api: handle,
        host: config.host,
        trustProxy: config.trustProxy,
      });
    } catch (error) {
      await apollo.stop();
      throw error;
    }
  }
  const runsBackgroundJobs = options.runsBackgroundJobs ?? true;
  // Delivers the outbox when SMTP_URL is set; without it mail stays in the outbox. (Several
  // processes delivering would still be safe, by the claims' leases; one is enough.)
  const delivery = runsBackgroundJobs
    ? startEmailDelivery({
        prisma: options.prisma,
        smtpUrl: config.smtpUrl,
        mailFrom: config.mailFrom,
      })
    : { stop: async () => undefined };
  const checkpoints = startCheckpointJob({
    prisma: options.prisma,
    signer: config.checkpointSigner,
    enabled: runsBackgroundJobs && (options.checkpointJob ?? false),
  });
  const webhooks = startWebhookDelivery({
    prisma: options.prisma,
    hashKey: config.hashKey,
    privateAddresses: config.webhookPrivateAddresses,
    enabled: runsBackgroundJobs && (options.webhookJob ?? false),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const stopObservingLag = runsBackgroundJobs
    ? observeBackgroundLag(prisma)
    : async () => undefined;
  return {
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}/graphql`,
    port,
    runsBackgroundJobs,
    frontEnds: frontEnds?.sites ?? [],
    close: async () => {
      stopping = true;
      // Requests first (Apollo must still execute the ones in flight), then the jobs.
      await Promise.all([closeGracefully(http, DRAIN_MS), frontEnds?.close(DRAIN_MS)]);
      await stopObservingLag();
      await delivery.stop();
      await checkpoints.stop();
      await webhooks.stop();
      await apollo.stop();
    },
  };
}

/** Browsers may call the API from the portal's and console's origins, with cookies. */
function setCorsHeaders(req: express.Request, res: express.Response, origins: readonly string[]) {
  const origin = req.headers.origin;
  if (origin && origins.includes(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Allow-Credentials", "true");
    res.setHeader("Vary", "Origin");
    res.setHeader(
      "Access-Control-Allow-Headers",
      "content-type, apollo-require-preflight, x-apollo-operation-name, x-privet-purpose, x-privet-purpose-ref",
    );
    res.setHeader("Access-Control-Expose-Headers", "content-disposition, x-request-id");
    res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  }
}

function corsFor(origins: readonly string[]) {
  return (req: express.Request, res: express.Response, next: express.NextFunction) => {
    setCorsHeaders(req, res, origins);
    if (req.method === "OPTIONS") {
      res.status(204).end();
      return;
    }
    next();
  };
}

/** Body parser errors (too large, malformed JSON) as JSON with a code, never a stack. */
function jsonErrors(
  error: { status?: number; type?: string },
  _req: express.Request,
  res: express.Response,
  _next: express.NextFunction,
) {
  const status = error.status ?? 500;
  const code =
    error.type === "entity.too.large"
      ? "PAYLOAD_TOO_LARGE"
      : error.type === "entity.parse.failed"
        ? "BAD_REQUEST"
        : "INTERNAL_SERVER_ERROR";
  res.status(status).json({
    errors: [
      {
        message:
          code === "PAYLOAD_TOO_LARGE"
            ? "The request body is too large."
            : code === "BAD_REQUEST"
              ? "The request body is not valid JSON."
              : "Something went wrong on our side.",
        extensions: { code },
      },
    ],
  });
}
