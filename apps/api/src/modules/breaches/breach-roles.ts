/**
 * Who works breach incidents (P-17): security officers (who find and contain them) and privacy
 * officers (who notify). Support agents, auditors and administrators neither record nor read
 * them: the register names who was affected.
 */
import type { StaffRole } from "@privet/domain/principals";

export const BREACH_ROLES: readonly StaffRole[] = ["SECURITY_OFFICER", "PRIVACY_OFFICER"];

/**
 * Drafting and queueing are one statement each, however many people an incident affects, but a
 * large incident takes longer than Prisma's default five seconds for an interactive transaction.
 */
export const BREACH_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;
