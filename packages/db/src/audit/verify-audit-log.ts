/**
 * Verifies the audit log's hash chains (one per reader), reporting the first broken link
 * (verify-sql-chain.ts: the database linked them on insert with "privet_access_record_hash").
 */
import type { ChainVerification } from "../chain/hash.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { verifySqlChain } from "./verify-sql-chain.js";

export interface AuditScope {
  /** One reader's chain: a staff member's or a processor's id. */
  readonly principalId?: string;
}

export function verifyAuditLog(
  prisma: PrismaClient,
  scope: AuditScope = {},
): Promise<ChainVerification> {
  return verifySqlChain(
    prisma,
    {
      table: "AccessRecord",
      chainColumn: "chain",
      hashFunction: "privet_access_record_hash",
      headTable: "AccessChainHead",
      headChainColumn: "chain",
    },
    scope.principalId
      ? {
          entries: Prisma.sql`WHERE e."principalId" = ${scope.principalId}::uuid`,
          // A reader's chain is "<principalKind>:<principalId>".
          heads: Prisma.sql`WHERE split_part(h."chain", ':', 2) = ${scope.principalId.toLowerCase()}`,
        }
      : undefined,
  );
}
