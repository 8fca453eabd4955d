/**
 * Whose consents a request reads and writes: the signed-in customer, else the anonymous
 * visitor named by the visitor cookie. Staff and partners are not consent subjects.
 *
 * Current states come from the ledger's projection (ConsentCurrent) through a per-request
 * loader, so a request that asks several times (the privacy signals, then a resolver) reads
 * once, and lists of customers read in one statement.
 */
import type { ConsentPurpose, ConsentSource, ConsentState } from "@privet/domain/consent";
import type { Context } from "../../context/context.js";
import { requestVisitor, type VisitorRow } from "./request-visitor.js";

export type SubjectKind = "CUSTOMER" | "VISITOR";

export type ConsentSubject =
  | { readonly kind: "CUSTOMER"; readonly id: string }
  | { readonly kind: "VISITOR"; readonly id: string; readonly visitor: VisitorRow };

/** The subject the request acts for, or null (staff, partners, a visitor with no cookie). */
export async function requestSubject(context: Context): Promise<ConsentSubject | null> {
  const { principal } = context.viewer;
  if (principal.kind === "customer") return { kind: "CUSTOMER", id: principal.subjectId };
  if (principal.kind !== "anonymous") return null;
  const visitor = await requestVisitor(context);
  return visitor ? { kind: "VISITOR", id: visitor.id, visitor } : null;
}

/** One row of the projection: the latest event's state for one purpose. */
export interface CurrentConsent {
  readonly purpose: ConsentPurpose;
  readonly state: ConsentState;
  readonly source: ConsentSource;
  readonly policyVersionId: string | null;
  readonly updatedAt: Date;
}

export type CurrentConsents = ReadonlyMap<ConsentPurpose, CurrentConsent>;

const key = (kind: SubjectKind, id: string) => `${kind}:${id}`;

function currentLoader(context: Context) {
  return context.loaders.get<string, CurrentConsents>("consentCurrentBySubject", async (keys) => {
    const byKind = new Map<SubjectKind, string[]>();
    for (const k of keys) {
      const [kind, id] = k.split(":") as [SubjectKind, string];
      byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
    }
    const rows = await context.prisma.consentCurrent.findMany({
      where: {
        OR: [...byKind].map(([subjectKind, ids]) => ({ subjectKind, subjectId: { in: ids } })),
      },
    });
    const found = new Map<string, Map<ConsentPurpose, CurrentConsent>>();
    for (const row of rows) {
      const k = key(row.subjectKind as SubjectKind, row.subjectId);
      const map = found.get(k) ?? new Map();
      map.set(row.purpose as ConsentPurpose, {
        purpose: row.purpose as ConsentPurpose,
        state: row.state,
        source: row.source,
        policyVersionId: row.policyVersionId,
        updatedAt: row.updatedAt,
      });
      found.set(k, map);
    }
    return keys.map((k) => found.get(k) ?? new Map());
  });
}

/** A subject's current consents, purpose by purpose (absent = never asked). */
export function currentConsentsOf(
  context: Context,
  subject: { readonly kind: SubjectKind; readonly id: string },
): Promise<CurrentConsents> {
  return currentLoader(context).load(key(subject.kind, subject.id));
}

/** Forgets a subject's cached consents after a write, so later reads see the new state. */
export function forgetConsentsOf(
  context: Context,
  subject: { readonly kind: SubjectKind; readonly id: string },
): void {
  currentLoader(context).clear(key(subject.kind, subject.id));
}
