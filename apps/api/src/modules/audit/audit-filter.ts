/**
 * The audit trail's filters, validated (each bad value is BAD_USER_INPUT naming its field) and
 * turned into SQL conditions over an access record `r` and one of its reads `e.read`
 * ([subjectId, category, fieldPath, denyReason?, breakGlassId?]). A subject filter is kept
 * apart: load-audit-events.ts then walks that subject's history index (AccessRecordSubject)
 * newest first, so a page costs the same however long their history; a principal filter and a
 * time window go through the (principalKind, principalId, occurredAt) and occurredAt indexes.
 */
import { Prisma, type PrismaClient } from "@privet/db/client";
import { isDataCategory } from "@privet/domain/taxonomy";
import { badInput } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import type { AuditEventFilter } from "./audit-event-filter.input.js";

export interface AuditQuery {
  /** The one subject the trail is narrowed to, if any (validated, lower case). */
  readonly subjectId: string | null;
  readonly conditions: Prisma.Sql[];
}

export function auditConditions(filter: AuditEventFilter | null | undefined): AuditQuery {
  const conditions: Prisma.Sql[] = [];
  let subjectId: string | null = null;
  if (!filter) return { subjectId, conditions };
  if (filter.principalKind) {
    // Cast the value, not the column, so the (principalKind, principalId, occurredAt) index
    // serves a reader's pages in time order.
    conditions.push(Prisma.sql`r."principalKind" = ${filter.principalKind}::"PrincipalKind"`);
  }
  if (filter.principalId) {
    const id = validateId("filter.principalId", filter.principalId);
    conditions.push(Prisma.sql`r."principalId" = ${id}::uuid`);
  }
  if (filter.subjectId) {
    subjectId = validateId("filter.subjectId", filter.subjectId);
    conditions.push(Prisma.sql`e.read->>0 = ${subjectId}`);
  }
  if (filter.category !== null && filter.category !== undefined) {
    if (!isDataCategory(filter.category)) {
      throw badInput("filter.category", "Choose a data category from the list.");
    }
    conditions.push(Prisma.sql`e.read->>1 = ${filter.category}`);
  }
  if (filter.purpose) conditions.push(Prisma.sql`r."purpose"::text = ${filter.purpose}`);
  if (filter.outcome === "ALLOWED") conditions.push(Prisma.sql`e.read->>3 IS NULL`);
  if (filter.outcome === "DENIED") conditions.push(Prisma.sql`e.read->>3 IS NOT NULL`);
  const from = validInstant("filter.from", filter.from);
  const to = validInstant("filter.to", filter.to);
  if (from && to && from >= to)
    throw badInput("filter.to", "The end of the period must come after its start.");
  if (from) conditions.push(Prisma.sql`r."occurredAt" >= ${from}`);
  if (to) conditions.push(Prisma.sql`r."occurredAt" < ${to}`);
  return { subjectId, conditions };
}

/**
 * A reader chosen without saying whether they are staff or a partner (the console's "Read by"
 * picker sends only the id): the kind is looked up — two probes of the (principalKind,
 * principalId, occurredAt) index — so that the page then walks that index in time order, rather
 * than the whole trail's occurredAt index filtered for a reader who may have read little.
 */
export async function withReaderKind(
  prisma: PrismaClient,
  filter: AuditEventFilter | null,
): Promise<AuditEventFilter | null> {
  if (!filter?.principalId || filter.principalKind) return filter;
  const id = validateId("filter.principalId", filter.principalId);
  const kinds = await prisma.$queryRaw<Array<{ kind: "STAFF" | "PARTNER" }>>`
    SELECT k::text AS "kind"
    FROM unnest(ARRAY['STAFF', 'PARTNER']::"PrincipalKind"[]) AS k
    WHERE EXISTS (
      SELECT 1 FROM "AccessRecord" r WHERE r."principalKind" = k AND r."principalId" = ${id}::uuid
    )`;
  // No reads at all: any kind gives the same empty page. Both (ids never collide): unchanged.
  if (kinds.length > 1) return filter;
  return { ...filter, principalKind: kinds[0]?.kind ?? "STAFF" };
}

function validInstant(field: string, value: Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (Number.isNaN(value.getTime())) throw badInput(field, `${field} is not a valid time.`);
  return value;
}
