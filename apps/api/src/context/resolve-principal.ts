/**
 * Who is asking: a session cookie (customer or staff), a partner API key (Bearer), or an
 * anonymous visitor. Tokens are looked up by their SHA-256; an unknown, expired or revoked
 * one is simply anonymous.
 */
import type { PrismaClient } from "@privet/db/client";
import type { Principal, StaffRole } from "@privet/domain/principals";
import { SESSION_COOKIE, VISITOR_COOKIE } from "../http/cookies.js";
import { hashToken } from "../http/tokens.js";
import type { PartnerAgreementRow } from "../privacy/decision-input-queries.js";

export interface ResolvedPrincipal {
  readonly principal: Principal;
  readonly session: { readonly id: string } | null;
  /** A partner's agreements, when asked for: loaded with its key, in the same statement. */
  readonly partnerAgreements?: readonly PartnerAgreementRow[];
}

export const PARTNER_KEY_PREFIX = "pk_";
const KEY_USE_PRECISION_MS = 60 * 60 * 1000;

interface PartnerKeyRow {
  readonly id: string;
  readonly processorId: string;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly agreements: Array<
    Omit<PartnerAgreementRow, "validFrom" | "validUntil" | "terminatedAt"> & {
      validFrom: string;
      validUntil: string;
      terminatedAt: string | null;
    }
  > | null;
}

/**
 * The key, and with it (when `withAgreements`: the privacy gate will need them) the
 * processor's agreements: one round trip for what every partner request needs.
 */
async function findPartnerKey(prisma: PrismaClient, bearer: string, withAgreements: boolean) {
  const [row] = await prisma.$queryRaw<PartnerKeyRow[]>`
    SELECT k."id"::text AS "id", k."processorId"::text AS "processorId", k."revokedAt", k."lastUsedAt",
      CASE WHEN ${withAgreements} THEN (
        SELECT COALESCE(json_agg(json_build_object(
          'processorId', a."processorId", 'purposes', a."purposes", 'categories', a."categories",
          'validFrom', a."validFrom", 'validUntil', a."validUntil", 'terminatedAt', a."terminatedAt"
        ) ORDER BY a."validUntil" DESC), '[]'::json)
        FROM "ProcessorAgreement" a WHERE a."processorId" = k."processorId"
      ) END AS "agreements"
    FROM "PartnerApiKey" k WHERE k."keyHash" = ${hashToken(bearer)}`;
  if (!row) return null;
  const agreements = row.agreements?.map((a) => ({
    ...a,
    validFrom: new Date(a.validFrom),
    validUntil: new Date(a.validUntil),
    terminatedAt: a.terminatedAt ? new Date(a.terminatedAt) : null,
  }));
  return { ...row, agreements };
}

interface SessionRow {
  readonly id: string;
  readonly expiresAt: Date | string;
  readonly revokedAt: Date | string | null;
  readonly customerId: string | null;
  readonly customerErasedAt: Date | string | null;
  readonly staffId: string | null;
  readonly staffRole: StaffRole | null;
  readonly staffDisabledAt: Date | string | null;
}

/**
 * The session and whoever it belongs to, in one statement by the token hash's unique index
 * (every signed-in request starts here, so it is one round trip, not one per relation).
 */
async function findSession(prisma: PrismaClient, token: string): Promise<SessionRow | null> {
  const [row] = await prisma.$queryRaw<SessionRow[]>`
    SELECT s."id"::text AS "id", s."expiresAt", s."revokedAt",
      c."id"::text AS "customerId", c."erasedAt" AS "customerErasedAt",
      u."id"::text AS "staffId", u."role"::text AS "staffRole", u."disabledAt" AS "staffDisabledAt"
    FROM "Session" s
    LEFT JOIN "Customer" c ON c."id" = s."customerId"
    LEFT JOIN "StaffUser" u ON u."id" = s."staffUserId"
    WHERE s."tokenHash" = ${hashToken(token)}`;
  return row ?? null;
}

export async function resolvePrincipal(
  prisma: PrismaClient,
  cookies: ReadonlyMap<string, string>,
  authorization: string | undefined,
  now: Date,
  options: { withAgreements: boolean } = { withAgreements: false },
): Promise<ResolvedPrincipal> {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer?.startsWith(PARTNER_KEY_PREFIX)) {
    const key = await findPartnerKey(prisma, bearer, options.withAgreements);
    if (key && !key.revokedAt) {
      // Staff see when a key was last used (to spot unused keys to revoke); hourly precision
      // keeps this write off nearly every request.
      if (
        !key.lastUsedAt ||
        now.getTime() - new Date(key.lastUsedAt).getTime() > KEY_USE_PRECISION_MS
      ) {
        await prisma.partnerApiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
      }
      return {
        principal: { kind: "partner", processorId: key.processorId },
        session: null,
        ...(key.agreements ? { partnerAgreements: key.agreements } : {}),
      };
    }
    return anonymous(cookies);
  }

  const token = cookies.get(SESSION_COOKIE);
  if (token) {
    const session = await findSession(prisma, token);
    if (session && !session.revokedAt && new Date(session.expiresAt) > now) {
      if (session.customerId && !session.customerErasedAt) {
        return {
          principal: { kind: "customer", subjectId: session.customerId },
          session: { id: session.id },
        };
      }
      if (session.staffId && session.staffRole && !session.staffDisabledAt) {
        return {
          principal: { kind: "staff", staffId: session.staffId, role: session.staffRole },
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
