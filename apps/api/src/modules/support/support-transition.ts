/**
 * Every staff action on a support request takes one path: load → check the lifecycle table →
 * the action's own work → one conditional update (the state it was loaded in), so two staff
 * members acting at once cannot both move the same request. The caller reloads for the answer.
 */
import type { Prisma } from "@privet/db/client";
import { AppError } from "../../errors/app-error.js";
import {
  refusedSupportAction,
  SUPPORT_LIFECYCLE,
  type SupportAction,
} from "./support-lifecycle.js";
import { type SupportRequest, toSupportRequest } from "./support-request.type.js";

const WITH_ADDRESS = {
  customer: { select: { email: true, erasedAt: true } },
} as const satisfies Prisma.SupportRequestInclude;

export type SupportRow = Prisma.SupportRequestGetPayload<{ include: typeof WITH_ADDRESS }>;

export async function transitionSupportRequest(
  tx: Prisma.TransactionClient,
  id: string,
  action: SupportAction,
  work: (row: SupportRow) => Promise<Prisma.SupportRequestUncheckedUpdateManyInput>,
): Promise<void> {
  const row = await tx.supportRequest.findUnique({ where: { id }, include: WITH_ADDRESS });
  if (!row) throw new AppError("NOT_FOUND", "No support request has this id.");
  const rule = SUPPORT_LIFECYCLE[action];
  if (!rule.from.includes(row.status)) throw refusedSupportAction(action, row.status);
  const data = await work(row);
  const { count } = await tx.supportRequest.updateMany({
    where: { id, status: row.status },
    data: { ...data, ...(rule.to ? { status: rule.to } : {}) },
  });
  if (count === 0) {
    // Someone else moved it between our read and our update: refuse as in its new state.
    const now = await tx.supportRequest.findUniqueOrThrow({
      where: { id },
      select: { status: true },
    });
    throw refusedSupportAction(action, now.status);
  }
}

export async function reloadSupportRequest(
  prisma: Prisma.TransactionClient,
  id: string,
): Promise<SupportRequest> {
  return toSupportRequest(await prisma.supportRequest.findUniqueOrThrow({ where: { id } }));
}
