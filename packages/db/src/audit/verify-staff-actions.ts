/**
 * Verifies the staff action log's hash chains (one per staff member), linked on insert by
 * the database ("privet_staff_action_chain"), the way the audit log's are.
 */
import type { ChainVerification } from "../chain/hash.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { verifySqlChain } from "./verify-sql-chain.js";

export interface StaffActionScope {
  /** One staff member's chain. */
  readonly staffUserId?: string;
}

export function verifyStaffActionLog(
  prisma: PrismaClient,
  scope: StaffActionScope = {},
): Promise<ChainVerification> {
  return verifySqlChain(
    prisma,
    {
      table: "StaffAction",
      chainColumn: "staffUserId",
      hashFunction: "privet_staff_action_hash",
      headTable: "StaffActionChainHead",
      headChainColumn: "staffUserId",
    },
    scope.staffUserId
      ? {
          entries: Prisma.sql`WHERE e."staffUserId" = ${scope.staffUserId}::uuid`,
          heads: Prisma.sql`WHERE h."staffUserId" = ${scope.staffUserId}::uuid`,
        }
      : undefined,
  );
}
