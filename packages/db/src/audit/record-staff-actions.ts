/**
 * The staff action log's only write path, as the ledger and the audit log have theirs: the
 * API's staff-action plugin hands each request's rows here rather than writing the table
 * itself. One INSERT for all the rows; the database links each into its staff member's hash
 * chain in the same statement (trigger "StaffAction_chain"), so the rows of one write
 * are recorded together or not at all.
 */
import type {
  Prisma,
  PrismaClient,
  Purpose,
  StaffActionOutcome,
  StaffRole,
} from "../generated/prisma/client.js";

/** One mutation field a staff member sent: attempted, then succeeded or failed. */
export interface StaffActionInput {
  readonly requestId: string;
  readonly staffUserId: string;
  readonly staffRole: StaffRole;
  /** The mutation, e.g. "verifyPrivacyRequest". */
  readonly action: string;
  /** Only what is never free text (ids, enums, numbers, booleans, dates): the caller keeps it so. */
  readonly arguments: Prisma.InputJsonObject;
  readonly purpose: Purpose | null;
  readonly reference: string | null;
  readonly outcome: StaffActionOutcome;
  /** For FAILED: the error code the client was given. */
  readonly errorCode: string | null;
}

/** Writes the rows in one statement, in order; resolves to the number written. */
export async function recordStaffActions(
  db: PrismaClient | Prisma.TransactionClient,
  rows: readonly StaffActionInput[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const { count } = await db.staffAction.createMany({ data: [...rows] });
  return count;
}
