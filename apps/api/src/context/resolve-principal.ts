/**
 * Who is asking: a session cookie (customer or staff), a partner API key (Bearer), or an
 * anonymous visitor. Tokens are looked up by their SHA-256; an unknown, expired or revoked
 * one is simply anonymous.
 */
import type { PrismaClient } from "@privet/db/client";
import type { Principal } from "@privet/domain/principals";
import { SESSION_COOKIE, VISITOR_COOKIE } from "../http/cookies.js";
import { hashToken } from "../http/tokens.js";

export interface ResolvedPrincipal {
  readonly principal: Principal;
  readonly session: { readonly id: string } | null;
}

export const PARTNER_KEY_PREFIX = "pk_";
const KEY_USE_PRECISION_MS = 60 * 60 * 1000;

export async function resolvePrincipal(
  prisma: PrismaClient,
  cookies: ReadonlyMap<string, string>,
  authorization: string | undefined,
  now: Date,
): Promise<ResolvedPrincipal> {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer?.startsWith(PARTNER_KEY_PREFIX)) {
    const key = await prisma.partnerApiKey.findUnique({
      where: { keyHash: hashToken(bearer) },
      select: { id: true, processorId: true, revokedAt: true, lastUsedAt: true },
    });
    if (key && !key.revokedAt) {
      // Staff see when a key was last used (to spot unused keys to revoke); hourly precision
      // keeps this write off nearly every request.
      if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > KEY_USE_PRECISION_MS) {
        await prisma.partnerApiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
      }
      return { principal: { kind: "partner", processorId: key.processorId }, session: null };
    }
    return anonymous(cookies);
  }

  const token = cookies.get(SESSION_COOKIE);
  if (token) {
    const session = await prisma.session.findUnique({
      where: { tokenHash: hashToken(token) },
      select: {
        id: true,
        expiresAt: true,
        revokedAt: true,
        customer: { select: { id: true, erasedAt: true } },
        staffUser: { select: { id: true, role: true, disabledAt: true } },
      },
    });
    if (session && !session.revokedAt && session.expiresAt > now) {
      if (session.customer && !session.customer.erasedAt) {
        return {
          principal: { kind: "customer", subjectId: session.customer.id },
          session: { id: session.id },
        };
      }
      if (session.staffUser && !session.staffUser.disabledAt) {
        return {
          principal: { kind: "staff", staffId: session.staffUser.id, role: session.staffUser.role },
          session: { id: session.id },
        };
      }
    }
  }
  return anonymous(cookies);
}

function anonymous(cookies: ReadonlyMap<string, string>): ResolvedPrincipal {
  const visitorId = cookies.get(VISITOR_COOKIE);
  return {
    principal: visitorId ? { kind: "anonymous", visitorId } : { kind: "anonymous" },
    session: null,
  };
}
