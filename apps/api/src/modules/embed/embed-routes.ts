/**
 * /embed: what the company's other sites use (apps/embed):
 * - GET /embed/privet-banner.js — the banner script, public, cached for a day;
 * - GET and POST /embed/consents — the visitor's cookie choices, for the sites in
 *   PRIVET_EMBED_ORIGINS only, without cookies (embed-cors.ts, embed-visitor.ts).
 * Outside GraphQL on purpose: a visitor id held in another site's localStorage must open
 * nothing but these two calls, and a narrow route cannot grow a field that would.
 */
import express, { type Request, type RequestHandler, type Response } from "express";
import type { Context } from "../../context/context.js";
import { AppError, ERROR_CODES, httpStatusOf } from "../../errors/app-error.js";
import { logger } from "../../log/logger.js";
import { bannerScript } from "./banner-script.js";
import { choicesOf, readEmbedConsents, recordEmbedConsents } from "./embed-consents.js";
import { embedCors } from "./embed-cors.js";
import { VISITOR_ID_HEADER, visitorIdOf } from "./embed-visitor.js";

export const EMBED_PATH = "/embed";

export interface EmbedRouteOptions {
  /** The same per-request context as a GraphQL operation gets (create-server.ts). */
  readonly contextFor: (req: Request, res: Response) => Promise<Context>;
  readonly embedOrigins: readonly string[];
}

function fail(res: Response, error: unknown): void {
  if (error instanceof AppError) {
    res.status(httpStatusOf(error.code)).json({
      errors: [{ message: error.message, extensions: { code: error.code, ...fieldOf(error) } }],
    });
    return;
  }
  const original = error as { name?: string; code?: string };
  logger.error("unexpected error", {
    errorName: original?.name ?? "Error",
    errorCode: original?.code ?? null,
    path: EMBED_PATH,
  });
  res.status(500).json({
    errors: [
      {
        message: ERROR_CODES.INTERNAL_SERVER_ERROR.message,
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      },
    ],
  });
}

function fieldOf(error: AppError): { field?: unknown } {
  return error.extensions.field === undefined ? {} : { field: error.extensions.field };
}

/** GPC from the browser's header (the context) or the script's `gpc` flag (query or body). */
const scriptSaysGpc = (value: unknown) => value === true || value === "1";

function handle(
  options: EmbedRouteOptions,
  name: string,
  work: (context: Context, req: Request) => Promise<unknown>,
): RequestHandler {
  return async (req, res) => {
    try {
      const context = await options.contextFor(req, res);
      context.operation.resolveRoute(name);
      res.json(await work(context, req));
    } catch (error) {
      fail(res, error);
    }
  };
}

export function embedRoutes(options: EmbedRouteOptions): express.Router {
  const router = express.Router();
  router.get("/privet-banner.js", bannerScript());
  router.use("/consents", embedCors(options.embedOrigins));
  router.get(
    "/consents",
    handle(options, "EmbedConsents", (context, req) =>
      readEmbedConsents(
        context,
        visitorIdOf(req.headers[VISITOR_ID_HEADER]),
        context.request.gpc || scriptSaysGpc(req.query.gpc),
      ),
    ),
  );
  router.post(
    "/consents",
    express.json({ limit: "4kb" }),
    handle(options, "SetEmbedConsents", (context, req) => {
      const visitorId = visitorIdOf(req.headers[VISITOR_ID_HEADER]);
      const choices = choicesOf(req.body);
      const gpc =
        context.request.gpc || scriptSaysGpc((req.body as { gpc?: unknown } | undefined)?.gpc);
      return recordEmbedConsents(context, visitorId, choices, gpc, req.headers.origin ?? null);
    }),
  );
  return router;
}
