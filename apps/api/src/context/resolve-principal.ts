/**
 * Who is asking: a session cookie (customer or staff), a partner API key (Bearer), or an
 * anonymous visitor. Tokens are looked up by their SHA-256; an unknown, expired or revoked
 * one is simply anonymous.
 */
import type { PrismaClient, SqlReader } from "@privet/db/client";
import type { Principal, StaffRole } from "@privet/domain/principals";
import { AppError } from "../errors/app-error.js";
import { SESSION_COOKIE, SESSION_LIFETIME_MS, VISITOR_COOKIE } from "../http/cookies.js";
import { mayBePartnerKey } from "../http/partner-key-format.js";
import { hashToken } from "../http/tokens.js";
import type { PartnerAgreementRow } from "../privacy/decision-input-queries.js";

export interface ResolvedPrincipal {
  readonly principal: Principal;
  readonly session: { readonly id: string } | null;
  /** A partner's agreements, when asked for: loaded with its key, in the same statement. */
  readonly partnerAgreements?: readonly PartnerAgreementRow[];
}

/** How precisely a key's last use is kept: at most one write a minute per key. */
const KEY_USE_PRECISION_MS = 60 * 1000;

interface PartnerKeyRow extends Record<string, unknown> {
  readonly id: string;
  readonly processorId: string;
  readonly revoked: boolean;
  /** Past its expiry (or, rotated, past its overlap) at the request's time. */
  readonly expired: boolean;
  /** Rotated: a newer key replaced it. */
  readonly replaced: boolean;
  /** Last used more than KEY_USE_PRECISION ago (or never): time to record this use. */
  readonly useDue: boolean;
  /** The agreements as JSON text, when asked for. */
  readonly agreements: string | null;
}

interface StoredAgreement
  extends Omit<PartnerAgreementRow, "validFrom" | "validUntil" | "terminatedAt"> {
  readonly validFrom: string;
  readonly validUntil: string;
  readonly terminatedAt: string | null;
}

/**
 * The key, and with it (when `withAgreements`: the privacy gate will need them) the
 * processor's agreements: one round trip for what every partner request needs, written by
 * hand and sent through the SQL reader (every partner request pays for it). Every column is
 * text or a boolean, so any reader returns the same values. A key scoped to some purposes
 * sees each agreement narrowed to them (so a read under another purpose is refused as one
 * outside the agreement), and always loads them: the scope must hold wherever they are read.
 */
async function findPartnerKey(
  reader: SqlReader,
  bearer: string,
  now: Date,
  withAgreements: boolean,
) {
  const [row] = await reader.query<PartnerKeyRow>(
    `SELECT k."id"::text AS "id", k."processorId"::text AS "processorId",
      (k."revokedAt" IS NOT NULL) AS "revoked",
      (k."expiresAt" IS NOT NULL AND k."expiresAt" <= $2::timestamptz) AS "expired",
      (k."replacedById" IS NOT NULL) AS "replaced",
      (k."lastUsedAt" IS NULL OR k."lastUsedAt" < $2::timestamptz - make_interval(secs => $3::int)) AS "useDue",
      CASE WHEN $4::boolean OR cardinality(k."purposes") > 0 THEN (
        SELECT COALESCE(json_agg(json_build_object(
          'processorId', a."processorId",
          'purposes', CASE WHEN cardinality(k."purposes") = 0 THEN a."purposes"
            ELSE ARRAY(SELECT unnest(a."purposes") INTERSECT SELECT unnest(k."purposes")) END,
          'categories', a."categories",
          'validFrom', a."validFrom", 'validUntil', a."validUntil", 'terminatedAt', a."terminatedAt"
        ) ORDER BY a."validUntil" DESC), '[]'::json)::text
        FROM "ProcessorAgreement" a WHERE a."processorId" = k."processorId"
      ) END AS "agreements"
    FROM "PartnerApiKey" k WHERE k."keyHash" = $1`,
    [hashToken(bearer), now.toISOString(), KEY_USE_PRECISION_MS / 1000, withAgreements],
  );
  if (!row) return null;
  const agreements = row.agreements
    ? (JSON.parse(row.agreements) as StoredAgreement[]).map((a) => ({
        ...a,
        validFrom: new Date(a.validFrom),
        validUntil: new Date(a.validUntil),
        terminatedAt: a.terminatedAt ? new Date(a.terminatedAt) : null,
      }))
    : undefined;
  return { ...row, agreements };
}

interface SessionRow extends Record<string, unknown> {
  readonly id: string;
  /** Neither revoked nor expired at the request's time (decided by the database). */
  readonly live: boolean;
  readonly customerId: string | null;
  readonly customerErased: boolean | null;
  readonly staffId: string | null;
  readonly staffRole: StaffRole | null;
  readonly staffDisabled: boolean | null;
  /** A staff session used within the idle limit (always true for a customer's). */
  readonly active: boolean;
  /** Last seen more than SEEN_PRECISION ago: time to record this use. */
  readonly seenDue: boolean;
}

/** How precisely a staff session's last use is kept: one write a minute, not one a request. */
const SEEN_PRECISION_MS = 60 * 1000;

/**
 * The session and whoever it belongs to, in one statement by the token hash's unique index,
 * sent through the SQL reader (every signed-in request starts here, so it is one round trip,
 * not one per relation, and no ORM work). Columns are text or booleans: any reader returns
 * the same values.
 */
async function findSession(
  reader: SqlReader,
  token: string,
  now: Date,
  staffIdleMs: number,
): Promise<SessionRow | null> {
  const [row] = await reader.query<SessionRow>(
    `SELECT s."id"::text AS "id",
      (s."revokedAt" IS NULL AND s."expiresAt" > $2::timestamptz) AS "live",
      (s."staffUserId" IS NULL OR s."lastSeenAt" > $2::timestamptz - make_interval(secs => $3::double precision)) AS "active",
      (s."lastSeenAt" < $2::timestamptz - make_interval(secs => $4::double precision)) AS "seenDue",
      c."id"::text AS "customerId", (c."erasedAt" IS NOT NULL) AS "customerErased",
      u."id"::text AS "staffId", u."role"::text AS "staffRole", (u."disabledAt" IS NOT NULL) AS "staffDisabled"
    FROM "Session" s
    LEFT JOIN "Customer" c ON c."id" = s."customerId"
    LEFT JOIN "StaffUser" u ON u."id" = s."staffUserId"
    WHERE s."tokenHash" = $1`,
    [hashToken(token), now.toISOString(), staffIdleMs / 1000, SEEN_PRECISION_MS / 1000],
  );
  return row ?? null;
}

export async function resolvePrincipal(
  { prisma, reader }: { readonly prisma: PrismaClient; readonly reader: SqlReader },
  cookies: ReadonlyMap<string, string>,
  authorization: string | undefined,
  now: Date,
  options: {
    readonly withAgreements: boolean;
    /** A staff session unused this long has ended (config.staffIdleMs). */
    readonly staffIdleMs?: number;
  } = { withAgreements: false },
): Promise<ResolvedPrincipal> {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer && mayBePartnerKey(bearer)) {
    const key = await findPartnerKey(reader, bearer, now, options.withAgreements);
    if (key && !key.revoked && key.expired) throw expiredKey(key.replaced);
    if (key && !key.revoked) {
      // Staff see when a key was last used (to spot unused keys to revoke); kept to the minute,
      // so a busy key costs one write a minute, not one a request.
      if (key.useDue) {
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
    const idleMs = options.staffIdleMs ?? SESSION_LIFETIME_MS;
    const session = await findSession(reader, token, now, idleMs);
    if (session?.live) {
      if (session.customerId && !session.customerErased) {
        return {
          principal: { kind: "customer", subjectId: session.customerId },
          session: { id: session.id },
        };
      }
      if (session.staffId && session.staffRole && !session.staffDisabled && session.active) {
        // The idle clock counts from the last request: kept to the minute.
        if (session.seenDue) {
          await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
        }
        return {
          principal: { kind: "staff", staffId: session.staffId, role: session.staffRole },
          session: { id: session.id },
        };
      }
    }
  }
  return anonymous(cookies);
}

/**
 * An expired key is refused in words rather than treated as anonymous, so the partner's
 * engineer learns why at once (a revoked key stays anonymous: it may have leaked).
 */
function expiredKey(replaced: boolean): AppError {
  return new AppError(
    "API_KEY_EXPIRED",
    replaced
      ? "This API key was replaced by a newer one and its overlap period has ended. Use the new key."
      : undefined,
    { http: { status: 401 } },
  );
}

function anonymous(cookies: ReadonlyMap<string, string>): ResolvedPrincipal {
  const visitorId = cookies.get(VISITOR_COOKIE);
  return {
    principal: visitorId ? { kind: "anonymous", visitorId } : { kind: "anonymous" },
    session: null,
  };
}
