/**
 * The audit log's only write path. Every read of a personal field by someone other than its
 * subject is one access event; a request's events are written as one record per reader (and
 * declared purpose) in a single INSERT, durable before the response leaves. The database
 * links the record into the reader's hash chain in the same statement (trigger
 * "AccessRecord_chain"), so the write is one round trip whatever the number of fields read.
 */
import type { DataCategory } from "@privet/domain/taxonomy";
import { uuid7 } from "../chain/uuid7.js";
import type {
  PrincipalKind,
  Prisma,
  PrismaClient,
  Purpose,
  StaffRole,
} from "../generated/prisma/client.js";

export type AccessOutcome = "ALLOWED" | "DENIED";

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

/**
 * One entry of a record's `reads`: what differs between the events of one record, as a
 * tuple to keep records small: [subjectId, category, fieldPath, denyReason?, breakGlassId?].
 * A denyReason (null or absent: allowed) is set only for a refused read, a breakGlassId only
 * for a read that relied on a grant.
 */
export type StoredRead =
  | readonly [subjectId: string, category: string, fieldPath: string]
  | readonly [subjectId: string, category: string, fieldPath: string, denyReason: string | null]
  | readonly [
      subjectId: string,
      category: string,
      fieldPath: string,
      denyReason: string | null,
      breakGlassId: string,
    ];

/** One request's events by one reader under one purpose: what the database stores as a record. */
export interface AccessRecordInput {
  readonly requestId: string;
  readonly principalKind: PrincipalKind;
  readonly principalId: string;
  readonly staffRole?: StaffRole | null;
  readonly purpose?: Purpose | null;
  readonly reference?: string | null;
  readonly operationName?: string | null;
  readonly legalRequestId?: string | null;
  readonly occurredAt: Date;
  /** Subject ids in lower case (as PostgreSQL prints uuids). */
  readonly reads: readonly StoredRead[];
}

type PendingRecord = AccessRecordInput & { reads: StoredRead[] };

/** Events that share everything but the field read belong to one record. */
function sameRecord(record: PendingRecord, input: AccessEventInput, occurredAt: Date): boolean {
  return (
    record.occurredAt.getTime() === occurredAt.getTime() &&
    record.requestId === input.requestId &&
    record.principalKind === input.principalKind &&
    record.principalId === input.principalId &&
    (record.staffRole ?? null) === (input.staffRole ?? null) &&
    (record.purpose ?? null) === (input.purpose ?? null) &&
    (record.reference ?? null) === (input.reference ?? null) &&
    (record.operationName ?? null) === (input.operationName ?? null) &&
    (record.legalRequestId ?? null) === (input.legalRequestId ?? null)
  );
}

/** Per-field events grouped into records (a request's events nearly always make one). */
export function toAccessRecords(inputs: readonly AccessEventInput[]): AccessRecordInput[] {
  const records: PendingRecord[] = [];
  const now = new Date();
  let last: PendingRecord | undefined;
  for (const input of inputs) {
    const denied = (input.outcome ?? "ALLOWED") === "DENIED";
    if (denied && !input.denyReason) throw new Error("a denied access event needs its reason");
    const occurredAt = input.occurredAt ?? now;
    let record =
      last && sameRecord(last, input, occurredAt)
        ? last
        : records.find((candidate) => sameRecord(candidate, input, occurredAt));
    if (!record) {
      record = {
        requestId: input.requestId,
        principalKind: input.principalKind,
        principalId: input.principalId,
        staffRole: input.staffRole ?? null,
        purpose: input.purpose ?? null,
        reference: input.reference ?? null,
        operationName: input.operationName ?? null,
        legalRequestId: input.legalRequestId ?? null,
        occurredAt,
        reads: [],
      };
      records.push(record);
    }
    last = record;
    record.reads.push(
      storedRead(
        input.subjectId.toLowerCase(),
        input.category,
        input.fieldPath,
        denied ? (input.denyReason ?? null) : null,
        input.breakGlassId ?? null,
      ),
    );
  }
  return records;
}

/** The shortest tuple that says it all. */
export function storedRead(
  subjectId: string,
  category: string,
  fieldPath: string,
  denyReason: string | null,
  breakGlassId: string | null,
): StoredRead {
  if (breakGlassId) return [subjectId, category, fieldPath, denyReason, breakGlassId];
  if (denyReason) return [subjectId, category, fieldPath, denyReason];
  return [subjectId, category, fieldPath];
}

/** Columns a record is inserted with; the trigger adds its place in the chain. */
const COLUMNS = [
  "id",
  "chain",
  "requestId",
  "principalKind",
  "principalId",
  "staffRole",
  "purpose",
  "reference",
  "operationName",
  "legalRequestId",
  "occurredAt",
  "subjectIds",
  "reads",
] as const;
const CASTS = [
  "::uuid",
  "",
  "",
  '::"PrincipalKind"',
  "::uuid",
  '::"StaffRole"',
  '::"Purpose"',
  "",
  "",
  "::uuid",
  "::timestamptz",
  "::uuid[]",
  "",
];

export type InsertArgument = string | string[] | null;

const chainOf = (record: AccessRecordInput) => `${record.principalKind}:${record.principalId}`;

/**
 * The records in the order their chain heads are to be locked: by chain, and within a chain
 * in the order given (a stable sort), which is the chain's order. Each row's trigger locks its
 * chain's head until commit, so two INSERTs that lock heads A then B and B then A would
 * deadlock (one of them aborted after deadlock_timeout: its requests refused). The writer's
 * group commit puts several readers' records in one INSERT, and the API may run as several
 * processes: every INSERT locks in the same order instead.
 */
export function inChainLockOrder(records: readonly AccessRecordInput[]): AccessRecordInput[] {
  const chains = records.map(chainOf);
  return records
    .map((record, i) => ({ record, chain: chains[i] ?? "" }))
    .sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0))
    .map(({ record }) => record);
}

/**
 * One INSERT for all the records (atomic without a transaction; the trigger chains the rows
 * in order, the rows in chain lock order). Every argument is text or a text list, cast in
 * SQL, so any driver sends them alike.
 */
export function accessRecordInsert(records: readonly AccessRecordInput[]): {
  sql: string;
  args: InsertArgument[];
} {
  const args: InsertArgument[] = [];
  const rows = inChainLockOrder(records).map((record) => {
    const values: InsertArgument[] = [
      uuid7(record.occurredAt.getTime()),
      chainOf(record),
      record.requestId,
      record.principalKind,
      record.principalId,
      record.staffRole ?? null,
      record.purpose ?? null,
      record.reference ?? null,
      record.operationName ?? null,
      record.legalRequestId ?? null,
      record.occurredAt.toISOString(),
      [...new Set(record.reads.map((read) => read[0]))].sort(),
      JSON.stringify(record.reads),
    ];
    const placeholders = values.map((value, i) => {
      args.push(value);
      return `$${args.length}${CASTS[i]}`;
    });
    return `(${placeholders.join(", ")})`;
  });
  const columns = COLUMNS.map((column) => `"${column}"`).join(", ");
  return { sql: `INSERT INTO "AccessRecord" (${columns}) VALUES ${rows.join(", ")}`, args };
}

function insertRecords(
  db: Prisma.TransactionClient | PrismaClient,
  records: readonly AccessRecordInput[],
): Promise<number> {
  const { sql, args } = accessRecordInsert(records);
  return db.$executeRawUnsafe(sql, ...args);
}

/** Records access events inside the caller's transaction (used by the seed). */
export async function recordAccessEventsIn(
  tx: Prisma.TransactionClient,
  inputs: readonly AccessEventInput[],
): Promise<number> {
  if (inputs.length > 0) await insertRecords(tx, toAccessRecords(inputs));
  return inputs.length;
}

/**
 * Records access events through Prisma, given one per field read; all or none are written.
 * (The API writes through the AuditWriter instead: the same INSERT on its own connection.)
 */
export async function recordAccessEvents(
  prisma: PrismaClient,
  inputs: readonly AccessEventInput[],
): Promise<number> {
  if (inputs.length > 0) await insertRecords(prisma, toAccessRecords(inputs));
  return inputs.length;
}
