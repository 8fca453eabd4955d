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

interface HistoryRow extends Record<string, unknown> {
  readonly id: string;
  readonly subjectId: string;
  readonly purpose: string;
  readonly state: ConsentHistoryEntry["state"];
  readonly source: ConsentHistoryEntry["source"];
  readonly occurredAt: Date | string;
  readonly jurisdiction: ConsentHistoryEntry["jurisdiction"];
  readonly policyVersion: string | null;
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
        // One statement, the policy versions' labels joined, by the (subject, sequence) index,
        // through the SQL reader (the consent centre reads it on every visit): every column
        // text, the time as JSON text with its offset.
        await context.reader.query<HistoryRow>(
          `SELECT e."id"::text AS "id", e."subjectId"::text AS "subjectId",
            e."purpose"::text AS "purpose", e."state"::text AS "state",
            e."source"::text AS "source", to_json(e."occurredAt") #>> '{}' AS "occurredAt",
            e."jurisdiction"::text AS "jurisdiction", p."version" AS "policyVersion"
          FROM "ConsentEvent" e LEFT JOIN "PolicyVersion" p ON p."id" = e."policyVersionId"
          WHERE e."subjectKind" = 'CUSTOMER' AND e."subjectId" = ANY($1::uuid[])
          -- The sequence is the ledger's own order; times can tie within one request.
          ORDER BY e."subjectId", e."sequence" DESC`,
          [[...ids]],
        ),
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
      occurredAt: row.occurredAt instanceof Date ? row.occurredAt : new Date(row.occurredAt),
      policyVersion: row.policyVersion,
      jurisdiction: row.jurisdiction,
    }),
  );
}
