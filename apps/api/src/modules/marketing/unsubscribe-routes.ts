/**
 * /unsubscribe on the API, outside GraphQL and without signing in (P-08).
 *
 * - POST withdraws: it is what a mail client sends for the List-Unsubscribe-Post one-click
 *   button (RFC 8058: the token in the URL, `List-Unsubscribe=One-Click` in the body, no
 *   cookies), and what the confirmation page's button sends.
 * - GET only shows that page with its button. It must not withdraw: mail security scanners and
 *   link previewers fetch every link in a message, and would unsubscribe people who never
 *   clicked (RFC 8058 §1 says why the POST exists).
 *
 * A token that is malformed, forged or names no campaign email changes nothing and gets the
 * same "not valid" page. Pages never show the address or name: the link may have been
 * forwarded.
 */
import type { PrismaClient } from "@privet/db/client";
import express, { type Request, type Response, type Router } from "express";
import type { ApiConfig } from "../../config.js";
import { logger } from "../../log/logger.js";
import { campaignEmailOf, withdrawMarketingByToken } from "./withdraw-marketing.js";

// The pages' own policy: the default-deny of every response, plus their inline style and a
// form that may post only back here.
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

function page(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .setHeader("Content-Security-Policy", PAGE_CSP)
    .type("html")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}

function invalid(res: Response): void {
  page(
    res,
    404,
    "This link is not valid",
    "<p>Nothing was changed. Use the link from the email as it arrived, or change your choices in the portal.</p>",
  );
}

function tokenOf(req: Request): unknown {
  const fromQuery = req.query.token;
  if (typeof fromQuery === "string") return fromQuery;
  return (req.body as Record<string, unknown> | undefined)?.token;
}

export function unsubscribeRoutes(options: {
  readonly prisma: PrismaClient;
  readonly config: ApiConfig;
}): Router {
  const router = express.Router();
  const { prisma, config } = options;

  router.get("/", async (req, res, next) => {
    try {
      const token = tokenOf(req);
      if (!(await campaignEmailOf(prisma, token, config.hashKey))) return invalid(res);
      page(
        res,
        200,
        "Unsubscribe from marketing emails",
        `<p>Stop receiving marketing emails from Privet? Emails about your account and our policy still reach you.</p><form method="post" action="?token=${encodeURIComponent(String(token))}"><button type="submit">Unsubscribe</button></form>`,
      );
    } catch (error) {
      next(error);
    }
  });

  router.post(
    "/",
    express.urlencoded({ extended: false, limit: "2kb" }),
    async (req, res, next) => {
      try {
        const body = req.body as Record<string, unknown> | undefined;
        const outcome = await withdrawMarketingByToken(prisma, tokenOf(req), {
          hashKey: config.hashKey,
          ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
          now: new Date(),
          method: body?.["List-Unsubscribe"] === "One-Click" ? "ONE_CLICK" : "PAGE",
        });
        if (outcome === "INVALID") return invalid(res);
        if (outcome === "WITHDRAWN") logger.info("marketing consent withdrawn by email link");
        page(
          res,
          200,
          "You are unsubscribed",
          "<p>You will receive no more marketing emails from us. You can change this at any time in the portal.</p>",
        );
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}
