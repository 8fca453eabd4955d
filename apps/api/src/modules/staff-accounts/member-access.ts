/**
 * The rules an administrator's change to a member's access keeps, checked inside the change's
 * transaction under one advisory lock, so two administrators demoting or disabling each other
 * at once cannot leave the console with none: an administrator cannot disable themselves, and
 * the last active administrator can be neither disabled nor given another role.
 */
import type { Prisma } from "@privet/db/client";
import { AppError } from "../../errors/app-error.js";

/** Serialises every change to who is an administrator (a transaction-scoped lock). */
export async function lockAdministrators(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('privet:staff-administrators'))`;
}

/** Throws LAST_ADMINISTRATOR unless another active administrator remains beside `memberId`. */
export async function keepAnAdministrator(
  tx: Prisma.TransactionClient,
  memberId: string,
): Promise<void> {
  const others = await tx.staffUser.count({
    where: {
      id: { not: memberId },
      role: "ADMINISTRATOR",
      disabledAt: null,
      passwordHash: { not: null },
    },
  });
  if (others === 0) throw new AppError("LAST_ADMINISTRATOR");
}

/** Ends every live session of the member at once. */
export async function endSessions(
  tx: Prisma.TransactionClient,
  memberId: string,
  now: Date,
): Promise<void> {
  await tx.session.updateMany({
    where: { staffUserId: memberId, revokedAt: null },
    data: { revokedAt: now },
  });
}
