/**
 * The terms a partner key may be issued with: an expiry in the future, and a scope of purposes
 * within the processor's agreement in force (a key can narrow what the agreement allows, never
 * widen it). Checked when a key is issued; resolve-principal.ts applies both on every request.
 */
import type { PrismaClient } from "@privet/db/client";
import { purposeLabel } from "@privet/domain/labels";
import type { Purpose } from "@privet/domain/purposes";
import { badInput } from "../../errors/app-error.js";

/** A key lasts at most this long: a longer-lived secret is one nobody remembers to rotate. */
const MAX_KEY_LIFETIME_MS = 2 * 366 * 24 * 60 * 60 * 1000;

export function checkedExpiry(value: Date | null | undefined, now: Date): Date | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw badInput("expiresAt", "The expiry must be a date and time.");
  }
  if (value <= now) throw badInput("expiresAt", "The expiry must be in the future.");
  if (value.getTime() - now.getTime() > MAX_KEY_LIFETIME_MS) {
    throw badInput("expiresAt", "A key can last at most two years: choose an earlier expiry.");
  }
  return value;
}

/** The purposes of the processor's agreements in force at `now`. */
async function agreedPurposes(
  prisma: PrismaClient,
  processorId: string,
  now: Date,
): Promise<Set<Purpose>> {
  const agreements = await prisma.processorAgreement.findMany({
    where: {
      processorId,
      validFrom: { lte: now },
      validUntil: { gt: now },
      terminatedAt: null,
    },
    select: { purposes: true },
  });
  return new Set(agreements.flatMap((agreement) => agreement.purposes));
}

/**
 * The scope to store: [] (the whole agreement) when none is given, else the listed purposes,
 * each of which the agreement in force must cover; refused in words naming those it does not.
 */
export async function checkedScope(
  prisma: PrismaClient,
  processorId: string,
  purposes: readonly Purpose[] | null | undefined,
  now: Date,
): Promise<Purpose[]> {
  if (!purposes || purposes.length === 0) return [];
  const unique = [...new Set(purposes)];
  const agreed = await agreedPurposes(prisma, processorId, now);
  const outside = unique.filter((purpose) => !agreed.has(purpose));
  if (outside.length > 0) {
    const names = outside.map(purposeLabel).join(", ");
    throw badInput(
      "purposes",
      agreed.size === 0
        ? "This processor has no agreement in force, so a key cannot be scoped to any purpose."
        : `The processor's agreement does not cover ${names}: a key's purposes must be among its agreement's.`,
    );
  }
  return unique;
}
