/**
 * Batched reads behind `myConsents`, `consentHistory` and the matching Customer fields: a
 * staff member or partner reading a page of customers costs the same few statements as one
 * customer reading their own.
 */
import type { ConsentPurpose } from "@privet/domain/consent";
import type { Context } from "../../context/context.js";
import { groupBy } from "../../context/loaders.js";
import { type Consent, toConsents } from "./consent.type.js";
import { ConsentHistoryEntry } from "./consent-history-entry.type.js";
import { currentConsentsOf, type SubjectKind } from "./consent-subject.js";

/** Every consent purpose with the subject's current choice. */
export async function consentsOf(
  context: Context,
  subject: { readonly kind: SubjectKind; readonly id: string },
): Promise<Consent[]> {
  // The policy versions' labels come in the same statement as the states.
  return toConsents(await currentConsentsOf(context, subject));
}

/** A customer's full ledger history, newest first. */
export async function consentHistoryOf(
  context: Context,
  customerId: string,
): Promise<ConsentHistoryEntry[]> {
  const rows = await context.loaders
    .get("consentHistoryByCustomer", async (ids: readonly string[]) =>
      groupBy(
        ids,
        await context.prisma.consentEvent.findMany({
          where: { subjectKind: "CUSTOMER", subjectId: { in: [...ids] } },
          // The sequence is the ledger's own order; times can tie within one request.
          orderBy: [{ subjectId: "asc" }, { sequence: "desc" }],
          select: {
            id: true,
            subjectId: true,
            purpose: true,
            state: true,
            source: true,
            occurredAt: true,
            jurisdiction: true,
            policyVersion: { select: { version: true } },
          },
        }),
        (row) => row.subjectId,
      ),
    )
    .load(customerId);
  return rows.map((row) =>
    Object.assign(new ConsentHistoryEntry(), {
      id: row.id,
      purpose: row.purpose as ConsentPurpose,
      state: row.state,
      source: row.source,
      occurredAt: row.occurredAt,
      policyVersion: row.policyVersion?.version ?? null,
      jurisdiction: row.jurisdiction,
    }),
  );
}
