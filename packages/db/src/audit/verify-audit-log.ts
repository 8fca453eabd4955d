/**
 * Verifies the audit log's hash chains (one per reader), reporting the first broken link
 * (verification/verify-history.ts: the database linked them on insert with
 * "privet_access_record_hash", and recomputes them the same way, in batches).
 */
import type { ChainVerification } from "../chain/hash.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { auditLog } from "../verification/histories.js";
import { inSnapshot } from "../verification/snapshot.js";
import { verifyHistory } from "../verification/verify-history.js";

export interface AuditScope {
  /** One reader's chain: a staff member's or a processor's id. */
  readonly principalId?: string;
}

export function verifyAuditLog(
  prisma: PrismaClient,
  scope: AuditScope = {},
): Promise<ChainVerification> {
  const only = scope.principalId
    ? {
        entries: Prisma.sql`e."principalId" = ${scope.principalId}::uuid`,
        // A reader's chain is "<principalKind>:<principalId>".
        heads: Prisma.sql`split_part(h."chain", ':', 2) = ${scope.principalId.toLowerCase()}`,
      }
    : undefined;
  return inSnapshot(prisma, async (snapshot) => {
    const { result } = await verifyHistory(snapshot, auditLog, { scope: only });
    return result;
  });
}
