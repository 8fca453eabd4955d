/**
 * Cross-origin access for the embeddable banner: only the sites in PRIVET_EMBED_ORIGINS, and
 * without credentials — the API's cookies never go to or come from another site; the banner
 * names its visitor by the id it keeps (embed-visitor.ts).
 *
 * CSRF: every consent request must carry `X-Privet-Embed`, a header a browser sends
 * cross-origin only after a preflight, which is answered only for the allowed origins; and a
 * request from any other origin is refused outright (403) whatever it carries. Requests with no
 * Origin at all (not a browser's cross-origin fetch) are let through, as on /graphql: they can
 * only name a visitor whose id they already hold.
 */
import type { NextFunction, Request, Response } from "express";
import { VISITOR_ID_HEADER } from "./embed-visitor.js";

export const EMBED_HEADER = "x-privet-embed";

export function setEmbedCorsHeaders(res: Response, origin: string): void {
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Vary", "Origin");
  res.setHeader(
    "Access-Control-Allow-Headers",
    `content-type, ${EMBED_HEADER}, ${VISITOR_ID_HEADER}`,
  );
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  res.setHeader("Access-Control-Max-Age", "600");
}

/** Why a consent request is refused before anything is looked up, or null. */
export function embedRefusal(
  req: Request,
  origins: readonly string[],
): { status: number; code: string; message: string } | null {
  const origin = req.headers.origin;
  if (origin !== undefined && !origins.includes(origin)) {
    return {
      status: 403,
      code: "FORBIDDEN",
      message: "This site may not use the Privet banner: it is not in PRIVET_EMBED_ORIGINS.",
    };
  }
  if (req.method !== "OPTIONS" && (req.headers[EMBED_HEADER] ?? "") === "") {
    // Apollo's own CSRF refusal on /graphql has this code and status.
    return {
      status: 400,
      code: "BAD_REQUEST",
      message:
        "This request has been blocked as a potential cross-site request forgery: send the X-Privet-Embed header.",
    };
  }
  return null;
}

export function embedCors(origins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    // The banner's answers are read by pages on other sites (the default is same-site).
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    const refused = embedRefusal(req, origins);
    if (refused) {
      res.status(refused.status);
      res.json({ errors: [{ message: refused.message, extensions: { code: refused.code } }] });
      return;
    }
    if (req.headers.origin !== undefined) setEmbedCorsHeaders(res, req.headers.origin);
    if (req.method === "OPTIONS") {
      res.status(204).end();
      return;
    }
    next();
  };
}
