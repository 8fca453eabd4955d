/**
 * Starts a session: a random token in an HttpOnly cookie (P-01, P-02), stored only as its
 * hash, with the request's IP, browser and OS as the session's device data.
 */
import type { Prisma } from "@privet/db/client";
import type { Context } from "../../context/context.js";
import { SESSION_COOKIE, SESSION_LIFETIME_MS, serializeCookie } from "../../http/cookies.js";
import { hashToken, randomToken } from "../../http/tokens.js";
import { storableUserAgent } from "../../http/user-agent.js";

export async function startSession(
  context: Context,
  owner: { customerId: string } | { staffUserId: string },
  tx: Prisma.TransactionClient = context.prisma,
): Promise<{ id: string }> {
  const token = randomToken();
  const { request } = context;
  const session = await tx.session.create({
    data: {
      ...owner,
      tokenHash: hashToken(token),
      ipAddress: request.ip,
      userAgent: storableUserAgent(request.userAgent),
      browser: request.browser,
      os: request.os,
      // The request's clock, not the database's: a staff session's idle limit counts from here.
      lastSeenAt: request.now,
      expiresAt: new Date(request.now.getTime() + SESSION_LIFETIME_MS),
    },
    select: { id: true },
  });
  context.setCookie(
    serializeCookie(SESSION_COOKIE, token, {
      secure: context.config.production,
      maxAgeMs: SESSION_LIFETIME_MS,
    }),
  );
  context.viewer.session = session;
  return session;
}
