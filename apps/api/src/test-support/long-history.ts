/**
 * A customer's long access history for the export tests: `records` support-agent reads of the
 * five personal fields each (one access record per request, a second apart, ending an hour ago),
 * plus one read of another customer per record, so each test can show the other's events stay
 * out of the export. Written through the audit log's own INSERT.
 */

import { type AccessEventInput, recordAccessEvents } from "@privet/db/audit";
import type { PrismaClient } from "@privet/db/client";

export const HISTORY_FIELDS = [
  ["user.name", "customer.name"],
  ["user.contact.email", "customer.email"],
  ["user.contact.country", "customer.country"],
  ["user.device.cookie_id", "customer.cookieIds"],
  ["user.financial.card.last4", "customer.paymentMethod.last4"],
] as const;

export interface LongHistory {
  readonly agentId: string;
  readonly subjectId: string;
  readonly otherSubjectId: string;
  readonly records: number;
  /** Distinguishes the requests of one test's history from another's. */
  readonly requestPrefix: string;
  /** Whether record `r`'s read of the last field (the card) was refused instead. */
  readonly cardRefused?: (r: number) => boolean;
}

export async function writeLongHistory(prisma: PrismaClient, history: LongHistory) {
  const { agentId, subjectId, otherSubjectId, records, requestPrefix } = history;
  const inputs: AccessEventInput[] = [];
  const end = Date.now() - 3_600_000;
  for (let r = 0; r < records; r++) {
    const common = {
      principalKind: "STAFF",
      principalId: agentId,
      staffRole: "SUPPORT_AGENT",
      purpose: "SUPPORT",
      requestId: `${requestPrefix}-${r}`,
      occurredAt: new Date(end - (records - r) * 1000),
    } as const;
    for (const [i, [category, fieldPath]] of HISTORY_FIELDS.entries()) {
      const refused = i === HISTORY_FIELDS.length - 1 && (history.cardRefused?.(r) ?? false);
      inputs.push({
        ...common,
        reference: `T-${r}`,
        subjectId,
        category,
        fieldPath,
        ...(refused ? { outcome: "DENIED", denyReason: "PURPOSE_NOT_PERMITTED" } : {}),
      });
    }
    inputs.push({
      ...common,
      reference: `OTHER-${r}`,
      subjectId: otherSubjectId,
      category: "user.name",
      fieldPath: "customer.name",
    });
  }
  await recordAccessEvents(prisma, inputs);
}
