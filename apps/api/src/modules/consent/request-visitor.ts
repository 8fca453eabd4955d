/**
 * The request's anonymous visitor: the `Visitor` row named by the `privet_visitor` cookie.
 * The cookie holds only a random ID (P-02); the row is the pseudonymous subject that banner
 * choices, Global Privacy Control and navigation are recorded against.
 *
 * Looked up at most once per request (several resolvers and the privacy signals ask).
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "@privet/db/client";
import type { Context, RequestFacts } from "../../context/context.js";
import {
  clearCookie,
  serializeCookie,
  VISITOR_COOKIE,
  VISITOR_LIFETIME_MS,
} from "../../http/cookies.js";
import { randomToken } from "../../http/tokens.js";
import {
  CURRENT_CONSENT_JSON,
  type CurrentConsentRow,
  primeConsentsOf,
} from "./current-consents.js";

export interface VisitorRow {
  readonly id: string;
  readonly cookieId: string;
  readonly customerId: string | null;
  readonly mergedAt: Date | null;
  readonly gpcSeenAt: Date | null;
  readonly doNotTrackSeenAt: Date | null;
}

export const VISITOR_SELECT = {
  id: true,
  cookieId: true,
  customerId: true,
  mergedAt: true,
  gpcSeenAt: true,
  doNotTrackSeenAt: true,
} as const satisfies Prisma.VisitorSelect;

// One lookup per request, shared by Apollo's shallow copies of the context (they share the
// same `request` object), and replaced when a mutation creates or drops the row.
const visitors = new WeakMap<object, Promise<VisitorRow | null>>();

/** The request's visitor row, or null when it has no (valid) visitor cookie. */
export function requestVisitor(context: Context): Promise<VisitorRow | null> {
  let visitor = visitors.get(context.request);
  if (!visitor) {
    const cookieId = context.request.cookies.get(VISITOR_COOKIE);
    // A cookie that names no row (forged, or from a reset database) is no visitor: a new row
    // gets a fresh server-made ID rather than one the client chose.
    // (An async function, so the lazy Prisma query runs once however many await it.)
    visitor = (async () => (cookieId ? await findVisitorWithConsents(context, cookieId) : null))();
    visitors.set(context.request, visitor);
  }
  return visitor;
}

/** The visitor's row as the reader returns it: text and JSON text only. */
interface VisitorWithConsentsRow extends Record<string, unknown> {
  readonly id: string;
  readonly cookieId: string;
  readonly customerId: string | null;
  readonly mergedAt: string | null;
  readonly gpcSeenAt: string | null;
  readonly doNotTrackSeenAt: string | null;
  readonly consents: string;
}

const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/**
 * The visitor row and, in the same statement, its current consents (which nearly every
 * visitor request reads next: the banner, the privacy signals, a page view), handed to the
 * request's consent loader. Both by unique index; nothing is kept past the request. Sent
 * through the SQL reader (the banner's one statement), every column text: times as JSON text
 * with their offset.
 */
async function findVisitorWithConsents(
  context: Context,
  cookieId: string,
): Promise<VisitorRow | null> {
  const [row] = await context.reader.query<VisitorWithConsentsRow>(
    `SELECT v."id"::text AS "id", v."cookieId", v."customerId"::text AS "customerId",
      to_json(v."mergedAt") #>> '{}' AS "mergedAt", to_json(v."gpcSeenAt") #>> '{}' AS "gpcSeenAt",
      to_json(v."doNotTrackSeenAt") #>> '{}' AS "doNotTrackSeenAt",
      COALESCE((
        SELECT json_agg(json_build_object(${CURRENT_CONSENT_JSON}))
        FROM "ConsentCurrent" cc LEFT JOIN "PolicyVersion" p ON p."id" = cc."policyVersionId"
        WHERE cc."subjectKind" = 'VISITOR' AND cc."subjectId" = v."id"
      ), '[]'::json)::text AS "consents"
    FROM "Visitor" v WHERE v."cookieId" = $1`,
    [cookieId],
  );
  if (!row) return null;
  const visitor: VisitorRow = {
    id: row.id,
    cookieId: row.cookieId,
    customerId: row.customerId,
    mergedAt: dateOrNull(row.mergedAt),
    gpcSeenAt: dateOrNull(row.gpcSeenAt),
    doNotTrackSeenAt: dateOrNull(row.doNotTrackSeenAt),
  };
  primeConsentsOf(
    context,
    { kind: "VISITOR", id: visitor.id },
    JSON.parse(row.consents) as CurrentConsentRow[],
  );
  return visitor;
}

/** Replaces the request's visitor for the rest of the request (after a create or update). */
export function setRequestVisitor(context: Context, row: VisitorRow | null): void {
  visitors.set(context.request, Promise.resolve(row));
}

/**
 * A new visitor row's values: a fresh random cookie ID, and the row id chosen up front so the
 * row and its first consent events can be written in one transaction. The caller sets the
 * cookie with `issueVisitorCookie` once that transaction has committed, so a rolled-back row
 * never leaves a cookie behind.
 */
export function newVisitor(
  request: Pick<RequestFacts, "now" | "gpc" | "dnt">,
  customerId: string | null = null,
): VisitorRow {
  return {
    id: randomUUID(),
    cookieId: randomToken(),
    customerId,
    mergedAt: customerId ? request.now : null,
    // The privacy signals ran before the row existed: record what this request carried.
    gpcSeenAt: request.gpc ? request.now : null,
    doNotTrackSeenAt: request.dnt ? request.now : null,
  };
}

export function createVisitor(
  tx: Prisma.TransactionClient,
  visitor: VisitorRow,
  now: Date,
): Promise<VisitorRow> {
  return tx.visitor.create({
    data: {
      id: visitor.id,
      cookieId: visitor.cookieId,
      customerId: visitor.customerId,
      mergedAt: visitor.mergedAt,
      gpcSeenAt: visitor.gpcSeenAt,
      doNotTrackSeenAt: visitor.doNotTrackSeenAt,
      createdAt: now,
    },
    select: VISITOR_SELECT,
  });
}

export function issueVisitorCookie(context: Context, row: VisitorRow): void {
  context.setCookie(
    serializeCookie(VISITOR_COOKIE, row.cookieId, {
      secure: context.config.production,
      maxAgeMs: VISITOR_LIFETIME_MS,
    }),
  );
  setRequestVisitor(context, row);
}

/** Drops the visitor cookie (it belongs to another account's browsing). */
export function dropVisitorCookie(context: Context): void {
  context.setCookie(clearCookie(VISITOR_COOKIE, context.config.production));
  setRequestVisitor(context, null);
}
