import type { NextFunction, Request, Response } from "express";

/** Headers every response carries: no sniffing, no framing, no referrer, no caching of data. */
export function securityHeaders(production: boolean) {
  return (_req: Request, res: Response, next: NextFunction) => {
    setSecurityHeaders(res, production);
    next();
  };
}

/** The same headers on one response (the GraphQL fast path sets them without middleware). */
export function setSecurityHeaders(res: Pick<Response, "setHeader">, production: boolean): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-site");
  res.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  res.setHeader("Permissions-Policy", "interest-cohort=(), browsing-topics=()");
  res.setHeader("Cache-Control", "no-store");
  if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}
