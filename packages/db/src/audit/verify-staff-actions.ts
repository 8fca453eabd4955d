/**
 * Verifies the staff action log's hash chains (one per staff member), linked on insert by
 * the database ("privet_staff_action_chain"), the way the audit log's are.
 */
import type { ChainVerification } from "../chain/hash.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { verifySqlChain } from "./verify-sql-chain.js";

export function verifyStaffActionLog(prisma: PrismaClient): Promise<ChainVerification> {
  return verifySqlChain(prisma, {
    table: "StaffAction",
    chainColumn: "staffUserId",
    hashFunction: "privet_staff_action_hash",
    headTable: "StaffActionChainHead",
    headChainColumn: "staffUserId",
  });
}
