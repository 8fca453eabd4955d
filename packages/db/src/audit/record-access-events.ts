/**
 * The audit log's only write path: every allowed read of a personal field by someone other
 * than its subject becomes one event. A request's events are written together: one statement
 * finds the head of each subject's chain, one statement inserts them all.
 */
import type { DataCategory } from "@privet/domain/taxonomy";
import { chainHash } from "../chain/hash.js";
import { uuid7 } from "../chain/uuid7.js";
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

  // The head of each subject's chain, one index probe per subject (not a scan of its history).
  const heads = await tx.$queryRaw<{ subjectId: string; sequence: number; hash: string }[]>`
    SELECT s.id::text AS "subjectId", h."sequence", h."hash"
    FROM unnest(${subjects}::uuid[]) AS s(id)
    CROSS JOIN LATERAL (
      SELECT "sequence", "hash" FROM "AccessEvent"
      WHERE "subjectId" = s.id ORDER BY "sequence" DESC LIMIT 1
    ) AS h`;
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

  // One statement whatever the batch size: the rows travel as one JSON parameter (createMany
  // would split a large batch to stay under PostgreSQL's bind-parameter limit).
  const payload = JSON.stringify(
    rows.map((row) => ({ id: uuid7(row.occurredAt.getTime()), ...row })),
  );
  await tx.$executeRaw`
    INSERT INTO "AccessEvent" ("id", "subjectId", "sequence", "outcome", "denyReason", "principalKind",
      "principalId", "staffRole", "purpose", "reference", "category", "fieldPath", "operationName",
      "requestId", "breakGlassId", "legalRequestId", "occurredAt", "previousHash", "hash")
    SELECT "id", "subjectId", "sequence", "outcome", "denyReason", "principalKind",
      "principalId", "staffRole", "purpose", "reference", "category", "fieldPath", "operationName",
      "requestId", "breakGlassId", "legalRequestId", "occurredAt", "previousHash", "hash"
    FROM jsonb_to_recordset(${payload}::jsonb) AS r(
      "id" uuid, "subjectId" uuid, "sequence" integer, "outcome" "AccessOutcome", "denyReason" text,
      "principalKind" "PrincipalKind", "principalId" uuid, "staffRole" "StaffRole", "purpose" "Purpose",
      "reference" text, "category" text, "fieldPath" text, "operationName" text, "requestId" text,
      "breakGlassId" uuid, "legalRequestId" uuid, "occurredAt" timestamptz, "previousHash" text, "hash" text)`;
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
