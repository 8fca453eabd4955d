/**
 * The staff's second factor at sign-in (TOTP, RFC 6238: @privet/db/totp). Asked of every
 * member who has one, and required of the roles in SECOND_FACTOR_ROLES: a member of those
 * roles without one confirms the secret beginStaffTotpEnrolment gave them with their first
 * code, and is then enrolled (a staff action of their own). Each accepted code's time step is
 * kept, and a code of that step or an earlier one is refused: a code seen over a shoulder or
 * in a proxy's log cannot be used again.
 */
import { recordStaffActions } from "@privet/db/audit";
import { matchTotpStep, openTotpSecret } from "@privet/db/totp";
import type { StaffRole } from "@privet/domain/principals";
import { roleNeedsSecondFactor } from "@privet/domain/principals";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";

export interface SecondFactorHolder {
  readonly id: string;
  readonly role: StaffRole;
  readonly totpSecret: string | null;
  readonly totpPendingSecret: string | null;
}

/** The stored secret in clear, for this check only; null if it cannot be opened. */
export function openSecret(context: Context, sealed: string): string | null {
  return openTotpSecret(sealed, context.config.hashKey, { allowDemo: !context.config.production });
}

/** Resolves when the member may sign in with this code (or needs none); throws otherwise. */
export async function checkSecondFactor(
  context: Context,
  member: SecondFactorHolder,
  code: string | null,
): Promise<void> {
  if (member.totpSecret) {
    if (!code) throw new AppError("TOTP_REQUIRED");
    const secret = openSecret(context, member.totpSecret);
    const step = secret ? matchTotpStep(secret, code, context.request.now) : null;
    if (step === null || !(await claimStep(context, member.id, step))) {
      throw new AppError("TOTP_INVALID");
    }
    return;
  }
  if (!roleNeedsSecondFactor(member.role)) return;
  if (!member.totpPendingSecret || !code) throw new AppError("TOTP_ENROLMENT_REQUIRED");
  const secret = openSecret(context, member.totpPendingSecret);
  const step = secret ? matchTotpStep(secret, code, context.request.now) : null;
  if (step === null) throw new AppError("TOTP_INVALID");
  await confirmEnrolment(context, member, member.totpPendingSecret, step);
}

/** Takes the step for this member, unless a code of it (or a later one) was accepted already. */
async function claimStep(context: Context, staffUserId: string, step: number): Promise<boolean> {
  const { count } = await context.prisma.staffUser.updateMany({
    where: {
      id: staffUserId,
      OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }],
    },
    data: { totpLastStep: step },
  });
  return count === 1;
}

/** The pending secret becomes the member's, and the staff action log says so, together. */
async function confirmEnrolment(
  context: Context,
  member: SecondFactorHolder,
  pending: string,
  step: number,
): Promise<void> {
  const { request } = context;
  await context.prisma.$transaction(async (tx) => {
    // Only the secret this code was checked against: a newer enrolment started meanwhile wins.
    const { count } = await tx.staffUser.updateMany({
      where: { id: member.id, totpPendingSecret: pending, totpSecret: null },
      data: {
        totpSecret: pending,
        totpPendingSecret: null,
        totpEnrolledAt: request.now,
        totpLastStep: step,
      },
    });
    if (count !== 1) throw new AppError("TOTP_INVALID");
    await recordStaffActions(tx, [
      {
        requestId: request.requestId,
        staffUserId: member.id,
        staffRole: member.role,
        action: "enrolStaffTotp",
        arguments: {},
        purpose: null,
        reference: null,
        outcome: "SUCCEEDED",
        errorCode: null,
      },
    ]);
  });
}
