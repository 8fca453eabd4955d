/**
 * GET /my-data-export: the signed-in customer's data export as a file download, streamed. The
 * same document as the `myDataExport` query (collect-data-export.ts, with the same privacy
 * rules: owner only, nothing withheld by data-rights), but the access log goes out a page at a
 * time as it is read (write-data-export.ts), so the API's memory and each statement stay
 * bounded however long the history, and the first bytes leave before the last page is read.
 *
 * Who: the session cookie only; nothing personal in the URL (there is nothing in it at all).
 * Like /graphql, a request must carry `apollo-require-preflight` (or `x-apollo-operation-name`):
 * a browser sends such a header cross-origin only after a CORS preflight, which the API
 * answers only for PRIVET_CORS_ORIGINS, so another site cannot have a customer's browser fetch
 * it. A request from any other origin is refused outright too. The customer reading their own
 * data writes no access record, as with `me` and `myDataExport`.
 */
import type { Request, RequestHandler, Response } from "express";
import type { Context } from "../../context/context.js";
import { AppError, ERROR_CODES, httpStatusOf } from "../../errors/app-error.js";
import { requireCustomer } from "../../guards/require-customer.js";
import { logger } from "../../log/logger.js";
import { collectDataExportHead, exportedAccessLogPages } from "./collect-data-export.js";
import { assertOwnerMayRead } from "./owner-may-read.js";
import { writeDataExport } from "./write-data-export.js";

export const DATA_EXPORT_PATH = "/my-data-export";

export interface DataExportRouteOptions {
  /** The same per-request context as a GraphQL operation gets (create-server.ts). */
  readonly contextFor: (req: Request, res: Response) => Promise<Context>;
  readonly corsOrigins: readonly string[];
}

function fail(res: Response, code: string, message: string): void {
  res.status(httpStatusOf(code)).json({ errors: [{ message, extensions: { code } }] });
}

const PREFLIGHT_HEADERS = ["apollo-require-preflight", "x-apollo-operation-name"] as const;

/** Why the request is refused before anyone is looked up, or null. */
function crossSiteRefusal(req: Request, corsOrigins: readonly string[]) {
  const origin = req.headers.origin;
  const own = `${req.protocol}://${req.get("host") ?? ""}`;
  if (origin !== undefined && origin !== own && !corsOrigins.includes(origin)) {
    return { code: "FORBIDDEN", message: "This origin may not download data exports." };
  }
  if (!PREFLIGHT_HEADERS.some((name) => (req.headers[name] ?? "") !== "")) {
    // Apollo's own CSRF refusal on /graphql has this code and status.
    return {
      code: "BAD_REQUEST",
      message:
        "This request has been blocked as a potential cross-site request forgery: send the apollo-require-preflight header.",
    };
  }
  return null;
}

/** The waiting `write`: resolves once the socket takes more, rejects if the client has gone. */
function writerFor(res: Response): (text: string) => Promise<void> {
  return (text) =>
    new Promise((resolve, reject) => {
      if (res.destroyed) return reject(new Error("the client went away"));
      if (res.write(text)) return resolve();
      const done = (error?: Error) => {
        res.off("drain", onDrain);
        res.off("close", onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new Error("the client went away"));
      res.once("drain", onDrain);
      res.once("close", onClose);
    });
}

/**
 * The pages, each next one's statement started before the current one is written: the
 * database reads while the API prints and sends, and at most two pages are held. If the
 * writing stops (the client went away), the page being read is dropped, its failure too.
 */
async function* readingAhead<T>(first: T, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  let current: IteratorResult<T> = { done: false, value: first };
  try {
    while (!current.done) {
      const next = rest.next();
      next.catch(() => undefined);
      yield current.value;
      current = await next;
    }
  } finally {
    await rest.return(undefined).catch(() => undefined);
  }
}

export function dataExportRoute(options: DataExportRouteOptions): RequestHandler {
  return async (req, res) => {
    const refused = crossSiteRefusal(req, options.corsOrigins);
    if (refused) return fail(res, refused.code, refused.message);
    let started = false;
    try {
      const context = await options.contextFor(req, res);
      context.operation.resolveRoute("MyDataExportDownload");
      const customerId = requireCustomer(context);
      await assertOwnerMayRead(context, customerId);
      const head = await collectDataExportHead(context, customerId);
      if (!head) throw new AppError("UNAUTHENTICATED");
      // The first page is read before the status is sent, so a failure there is still a
      // proper error response rather than a cut-off file.
      const pages = exportedAccessLogPages(context, customerId);
      const firstPage = await pages.next();
      async function* accessLog() {
        if (firstPage.done) return;
        yield* readingAhead(firstPage.value, pages);
      }
      res.status(200);
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.setHeader(
        "Content-Disposition",
        `attachment; filename="privet-my-data-${head.exportedAt.slice(0, 10)}.json"`,
      );
      started = true;
      await writeDataExport(head, accessLog(), writerFor(res));
      res.end();
    } catch (error) {
      const original = error as { name?: string; code?: string };
      if (started) {
        // Headers are gone: cut the connection so the client sees a failed download, never a
        // file that looks whole. A client that went away needs no log line.
        if (!res.destroyed) {
          logger.error("data export failed while streaming", {
            errorName: original?.name ?? "Error",
            errorCode: original?.code ?? null,
          });
        }
        res.destroy();
        return;
      }
      if (error instanceof AppError) return fail(res, error.code, error.message);
      logger.error("unexpected error", {
        errorName: original?.name ?? "Error",
        errorCode: original?.code ?? null,
        path: DATA_EXPORT_PATH,
      });
      fail(res, "INTERNAL_SERVER_ERROR", ERROR_CODES.INTERNAL_SERVER_ERROR.message);
    }
  };
}
