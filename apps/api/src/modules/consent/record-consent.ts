/**
 * The consent module's one way to write a consent: through the ledger (@privet/db/ledger),
 * with what the policy asks each event to carry: the policy version in force (P-18), the
 * customer's jurisdiction, a keyed hash of the IP (never the IP itself), and non-personal
 * evidence including the request's privacy signals (DNT is recorded here, not acted on: P-15).
 */
import type { Prisma } from "@privet/db/client";
import {
  type AppendedConsentEvent,
  appendConsentEventIn,
  appendConsentEventWith,
  keyedHash,
} from "@privet/db/ledger";
import type { ConsentPurpose, ConsentSource, ConsentState } from "@privet/domain/consent";
import type { Context } from "../../context/context.js";
import { policyIdInForce } from "../policy/public.js";
import { forgetConsentsOf, type SubjectKind } from "./consent-subject.js";

export interface ConsentWrite {
  readonly subject: { readonly kind: SubjectKind; readonly id: string };
  readonly purpose: ConsentPurpose;
  readonly state: ConsentState;
  readonly source: ConsentSource;
  readonly evidence?: Prisma.InputJsonObject;
  /** Defaults to the version in force now; a merged visitor choice keeps its own. */
  readonly policyVersionId?: string | null;
}

const policies = new WeakMap<object, Promise<string | null>>();

/** The id of the policy version in force at the request's time, read once per request. */
export function policyVersionInForce(context: Context): Promise<string | null> {
  let id = policies.get(context.request);
  if (!id) {
    id = policyIdInForce(context.prisma, context.request.now);
    policies.set(context.request, id);
  }
  return id;
}

/** The customers' jurisdictions, batched (visitors have none: we do not know where they are). */
export async function jurisdictionOf(context: Context, subject: ConsentWrite["subject"]) {
  if (subject.kind !== "CUSTOMER") return null;
  return context.loaders
    .get("customerJurisdiction", async (ids: readonly string[]) => {
      const rows = await context.prisma.customer.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, jurisdiction: true },
      });
      return ids.map((id) => rows.find((row) => row.id === id)?.jurisdiction ?? null);
    })
    .load(subject.id);
}

/**
 * Appends the events inside one transaction (all or none), and returns them in order.
 * Everything that needs a read is fetched before the transaction opens, so it stays short.
 * A single event with nothing else to write needs no transaction: it is one statement on the
 * read path's driver connection (the ledger's appendConsentEventWith), committed when it returns.
 */
export async function recordConsents(
  context: Context,
  writes: readonly ConsentWrite[],
  alsoInTransaction?: (tx: Prisma.TransactionClient) => Promise<unknown>,
): Promise<AppendedConsentEvent[]> {
  if (writes.length === 0 && !alsoInTransaction) return [];
  const { request } = context;
  // Both reads at once (the jurisdictions in one batch): a write waits for one round trip.
  const [policyVersionId, jurisdictions] = await Promise.all([
    policyVersionInForce(context),
    Promise.all(writes.map((write) => jurisdictionOf(context, write.subject))),
  ]);
  const prepared = writes.map((write, i) => ({
    subjectKind: write.subject.kind,
    subjectId: write.subject.id,
    purpose: write.purpose,
    state: write.state,
    source: write.source,
    policyVersionId: write.policyVersionId !== undefined ? write.policyVersionId : policyVersionId,
    jurisdiction: jurisdictions[i] ?? null,
    ipHash: keyedHash(request.ip, context.config.hashKey),
    evidence: { gpc: request.gpc, dnt: request.dnt, ...write.evidence },
    occurredAt: request.now,
  }));
  const [only] = prepared;
  const events =
    only && prepared.length === 1 && !alsoInTransaction
      ? [await appendConsentEventWith(context.reader, only)]
      : await context.prisma.$transaction(async (tx) => {
          await alsoInTransaction?.(tx);
          const appended: AppendedConsentEvent[] = [];
          for (const event of prepared) appended.push(await appendConsentEventIn(tx, event));
          return appended;
        });
  for (const write of writes) forgetConsentsOf(context, write.subject);
  return events;
}
