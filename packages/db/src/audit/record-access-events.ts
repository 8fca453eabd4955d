/**
 * The audit log's only write path: every allowed read of a personal field by someone other
 * than its subject becomes one event. A request's events are written together: one statement
 * finds the head of each subject's chain, one statement inserts them all.
 */
import type { DataCategory } from "@privet/domain/taxonomy";
import { chainHash } from "../chain/hash.js";
import type {
  AccessOutcome,
  PrincipalKind,
  Prisma,
  PrismaClient,
  Purpose,
  StaffRole,
} from "../generated/prisma/client.js";
import { accessEventContent } from "./access-event-content.js";

export interface AccessEventInput {
  readonly subjectId: string;
  /** Default ALLOWED; a DENIED event carries the decide() reason. */
  readonly outcome?: AccessOutcome;
  readonly denyReason?: string | null;
  readonly principalKind: PrincipalKind;
  readonly principalId: string;
  readonly staffRole?: StaffRole | null;
  readonly purpose?: Purpose | null;
  readonly reference?: string | null;
  readonly category: DataCategory;
  readonly fieldPath: string;
  readonly operationName?: string | null;
  readonly requestId: string;
  readonly breakGlassId?: string | null;
  readonly legalRequestId?: string | null;
  readonly occurredAt?: Date;
}

export async function recordAccessEventsIn(
  tx: Prisma.TransactionClient,
  inputs: readonly AccessEventInput[],
): Promise<number> {
  if (inputs.length === 0) return 0;
  const subjects = [...new Set(inputs.map((input) => input.subjectId))].sort();
  // Sorted lock order: two requests auditing overlapping subjects cannot deadlock.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('audit:' || s, 0)) FROM unnest(${subjects}::text[]) AS s ORDER BY s`;

  const heads = await tx.$queryRaw<{ subjectId: string; sequence: number; hash: string }[]>`
    SELECT DISTINCT ON ("subjectId") "subjectId"::text AS "subjectId", "sequence", "hash"
    FROM "AccessEvent"
    WHERE "subjectId" = ANY(${subjects}::uuid[])
    ORDER BY "subjectId", "sequence" DESC`;
  const head = new Map(heads.map((row) => [row.subjectId, row]));

  const rows = inputs.map((input) => {
    const previous = head.get(input.subjectId);
    const fields = {
      subjectId: input.subjectId,
      sequence: (previous?.sequence ?? 0) + 1,
      outcome: input.outcome ?? "ALLOWED",
      denyReason: input.denyReason ?? null,
      principalKind: input.principalKind,
      principalId: input.principalId,
      staffRole: input.staffRole ?? null,
      purpose: input.purpose ?? null,
      reference: input.reference ?? null,
      category: input.category,
      fieldPath: input.fieldPath,
      operationName: input.operationName ?? null,
      requestId: input.requestId,
      breakGlassId: input.breakGlassId ?? null,
      legalRequestId: input.legalRequestId ?? null,
      occurredAt: new Date((input.occurredAt ?? new Date()).getTime()),
    };
    const previousHash = previous?.hash ?? null;
    const hash = chainHash(previousHash, accessEventContent(fields));
    head.set(input.subjectId, { subjectId: input.subjectId, sequence: fields.sequence, hash });
    return { ...fields, previousHash, hash };
  });

  await tx.accessEvent.createMany({ data: rows });
  return rows.length;
}

/** Records a request's access events in one transaction; all or none are written. */
export function recordAccessEvents(
  prisma: PrismaClient,
  inputs: readonly AccessEventInput[],
): Promise<number> {
  if (inputs.length === 0) return Promise.resolve(0);
  return prisma.$transaction((tx) => recordAccessEventsIn(tx, inputs));
}
