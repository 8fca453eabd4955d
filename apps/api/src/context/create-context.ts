/**
 * Builds the per-request context: device data and privacy signals from the request, the
 * principal from its cookie or key, the purpose the headers declare (checked here; the
 * operation, once parsed, resolves the purpose it runs under: context/request-operation.ts),
 * and the request's privacy gate and access-read recorder. The server then applies the privacy
 * signals (server/create-server.ts), which is the consent module's work.
 */
import { randomUUID } from "node:crypto";
import type { AuditWriter } from "@privet/db/audit";
import type { PrismaClient, SqlReader } from "@privet/db/client";
import type { Request, Response } from "express";
import type { ApiConfig } from "../config.js";
import { AppError } from "../errors/app-error.js";
import { parseCookies } from "../http/cookies.js";
import { parseUserAgent } from "../http/user-agent.js";
import { purposeFromHeaders } from "../privacy/declared-purpose.js";
import { requestPrivacy } from "../privacy/request-privacy.js";
import type { AttemptLimiters, Context, RequestFacts } from "./context.js";
import { Loaders } from "./loaders.js";
import { RequestOperation } from "./request-operation.js";
import { resolvePrincipal } from "./resolve-principal.js";

export interface ContextOptions {
  readonly prisma: PrismaClient;
  readonly audit: AuditWriter;
  readonly reader: SqlReader;
  readonly config: ApiConfig;
  readonly privacyEnforced: boolean;
  readonly limits: AttemptLimiters;
  /** The request's time; tests pass a fake clock. */
  readonly clock: () => Date;
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The purpose declared by headers. A bad header fails the whole request before execution:
 * answered 400 (Apollo would otherwise report an error thrown here as a 500).
 */
function declaredByHeaders(req: Request) {
  try {
    return purposeFromHeaders(header(req, "x-privet-purpose"), header(req, "x-privet-purpose-ref"));
  } catch (error) {
    if (error instanceof AppError) {
      throw new AppError(error.code, error.message, { ...error.extensions, http: { status: 400 } });
    }
    throw error;
  }
}

export async function createContext(
  options: ContextOptions,
  req: Request,
  res: Response,
): Promise<Context> {
  const userAgent = header(req, "user-agent") ?? "";
  const request: RequestFacts = {
    requestId: randomUUID(),
    ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
    userAgent,
    ...parseUserAgent(userAgent),
    gpc: header(req, "sec-gpc")?.trim() === "1",
    dnt: header(req, "dnt")?.trim() === "1",
    cookies: parseCookies(header(req, "cookie")),
    now: options.clock(),
  };
  res.setHeader("X-Request-Id", request.requestId);

  const resolved = await resolvePrincipal(
    options,
    request.cookies,
    header(req, "authorization"),
    request.now,
    { withAgreements: options.privacyEnforced, staffIdleMs: options.config.staffIdleMs },
  );
  const operation = new RequestOperation(declaredByHeaders(req));
  const viewer = { principal: resolved.principal, session: resolved.session };
  // The gate and the recorder read who asks and why as they are when a field is read.
  const privacy = requestPrivacy(options.prisma, {
    principal: () => viewer.principal,
    purpose: () => operation.purpose,
    operationName: () => operation.name,
    requestId: request.requestId,
    now: request.now,
    partnerAgreements: resolved.partnerAgreements ?? null,
  });
  return {
    prisma: options.prisma,
    audit: options.audit,
    reader: options.reader,
    config: options.config,
    request,
    viewer,
    operation,
    privacy: privacy.gate,
    accessReads: privacy.accessReads,
    privacyEnforced: options.privacyEnforced,
    loaders: new Loaders(),
    limits: options.limits,
    setCookie: (value) => res.append("Set-Cookie", value),
  };
}
