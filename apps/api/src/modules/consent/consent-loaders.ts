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
import { type CurrentConsents, currentConsentsOf, type SubjectKind } from "./consent-subject.js";

/** Policy version labels ("2018-11-02") by id, batched. */
export async function policyLabels(
  context: Context,
  ids: Iterable<string | null>,
): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const loader = context.loaders.get("policyVersionLabel", async (keys: readonly string[]) => {
    const rows = await context.prisma.policyVersion.findMany({
      where: { id: { in: [...keys] } },
      select: { id: true, version: true },
    });
    return keys.map((key) => rows.find((row) => row.id === key)?.version ?? null);
  });
  const labels = await loader.loadMany(wanted);
  const map = new Map<string, string>();
  wanted.forEach((id, i) => {
    const label = labels[i];
    if (typeof label === "string") map.set(id, label);
  });
  return map;
}

/** Every consent purpose with the subject's current choice. */
export async function consentsOf(
  context: Context,
  subject: { readonly kind: SubjectKind; readonly id: string },
): Promise<Consent[]> {
  const current: CurrentConsents = await currentConsentsOf(context, subject);
  const labels = await policyLabels(
    context,
    [...current.values()].map((row) => row.policyVersionId),
  );
  return toConsents(current, labels);
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
