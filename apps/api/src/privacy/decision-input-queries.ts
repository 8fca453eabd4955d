/**
 * The database queries behind the privacy decision's inputs, one per kind of input. Kept
 * apart from the batching (decision-inputs.ts) so a test can count the statements a request
 * would send with a fake.
 */
import type { PrismaClient } from "@privet/db/client";
import { currentConsents } from "@privet/db/ledger";
import type { ConsentSnapshot } from "@privet/domain/consent";
import type { BreakGlassGrant, LegalRequestScope } from "@privet/domain/principals";
import { isDataCategory } from "@privet/domain/taxonomy";

/**
 * A partner's agreement as stored (the gate picks the one in force from them, newest expiry
 * first). Resolving a partner's key loads them in the same statement
 * (context/resolve-principal.ts), so they usually arrive with the principal.
 */
export interface PartnerAgreementRow {
  readonly processorId: string;
  readonly purposes: string[];
  readonly categories: string[];
  readonly validFrom: Date;
  readonly validUntil: Date;
  readonly terminatedAt: Date | null;
}

/** A grant as stored: an access record cites the one a read relied on by its id. */
export type GrantOnRecord = BreakGlassGrant & { readonly id: string };

export interface DecisionInputQueries {
  /** The customers' current consents, one snapshot per id asked for. */
  consents(subjectIds: readonly string[]): Promise<ReadonlyMap<string, ConsentSnapshot>>;
  /** The staff member's break-glass grants that have not expired at `now`. */
  grants(staffId: string, now: Date): Promise<readonly GrantOnRecord[]>;
  /** The processor's agreements, newest expiry first. */
  agreements(processorId: string): Promise<readonly PartnerAgreementRow[]>;
  /** The open legal request `ref` cites (its id or its reference); null if none or ambiguous. */
  legalRequest(ref: string): Promise<LegalRequestScope | null>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decisionInputQueries(prisma: PrismaClient): DecisionInputQueries {
  return {
    consents: (subjectIds) => currentConsents(prisma, "CUSTOMER", subjectIds),
    grants: async (staffId, now) => {
      const rows = await prisma.breakGlassGrant.findMany({
        where: { staffUserId: staffId, expiresAt: { gt: now } },
      });
      return rows.map((row) => ({
        id: row.id,
        staffId: row.staffUserId,
        subjectId: row.customerId,
        reason: row.reason,
        startsAt: row.startsAt,
        expiresAt: row.expiresAt,
        revokedAt: row.revokedAt,
      }));
    },
    agreements: (processorId) =>
      prisma.processorAgreement.findMany({
        where: { processorId },
        orderBy: { validUntil: "desc" },
      }),
    legalRequest: async (ref) => {
      // `reference` is unique per authority only: two open requests sharing one make the scope
      // ambiguous, so that cites nothing (the id is always unambiguous).
      const [row, second] = await prisma.legalRequest.findMany({
        take: 2,
        where: {
          status: { not: "CLOSED" },
          OR: UUID.test(ref) ? [{ id: ref }, { reference: ref }] : [{ reference: ref }],
        },
        include: { subjects: { select: { customerId: true } } },
      });
      return row && !second
        ? {
            id: row.id,
            subjectIds: row.subjects.map((s) => s.customerId),
            categories: row.categories.filter(isDataCategory),
          }
        : null;
    },
  };
}
