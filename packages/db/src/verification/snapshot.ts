/**
 * A verification reads many batches; they must all see one state of the database, or an
 * entry appended between two batches would look like one written behind the head's back.
 * A REPEATABLE READ transaction is that snapshot (read-only: it takes no locks writers wait on).
 */
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import type { Queryable } from "./verify-history.js";

/** Long enough for a full verification of millions of entries. */
const SNAPSHOT_TIMEOUT_MS = 30 * 60_000;

export function inSnapshot<T>(
  prisma: PrismaClient,
  work: (snapshot: Queryable) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(work, {
    isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
    maxWait: 60_000,
    timeout: SNAPSHOT_TIMEOUT_MS,
  });
}
