/**
 * Drafting and queueing are one statement each, however many people an incident affects, but a
 * large incident takes longer than Prisma's default five seconds for an interactive transaction.
 */
export const BREACH_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;
