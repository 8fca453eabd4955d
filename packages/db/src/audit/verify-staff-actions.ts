/**
 * Verifies the staff action log's hash chains (one per staff member), linked on insert by
 * the database ("privet_staff_action_chain"), the way the audit log's are.
 */
import type { ChainVerification } from "../chain/hash.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { staffActions } from "../verification/histories.js";
import { inSnapshot } from "../verification/snapshot.js";
import { verifyHistory } from "../verification/verify-history.js";

export interface StaffActionScope {
  /** One staff member's chain. */
  readonly staffUserId?: string;
}

export function verifyStaffActionLog(
  prisma: PrismaClient,
  scope: StaffActionScope = {},
): Promise<ChainVerification> {
  const only = scope.staffUserId
    ? {
        entries: Prisma.sql`e."staffUserId" = ${scope.staffUserId}::uuid`,
        heads: Prisma.sql`h."staffUserId" = ${scope.staffUserId}::uuid`,
      }
    : undefined;
  return inSnapshot(prisma, async (snapshot) => {
    const { result } = await verifyHistory(snapshot, staffActions, { scope: only });
    return result;
  });
}
