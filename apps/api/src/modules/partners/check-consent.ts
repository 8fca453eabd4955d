/**
 * consentCheck's work: the agreement first (answered only within it), then the subject's
 * current consent for the purpose in one statement by primary key (ConsentCurrent, kept by the
 * ledger's trigger in the same transaction as the event, so a read after a committed write
 * sees it from any process), and the access event the audit log keeps of the check.
 */
import type { SqlReader } from "@privet/db/client";
import { type ConsentState, isConsentPurpose } from "@privet/domain/consent";
import type { DenyReason } from "@privet/domain/decide";
import type { Agreement } from "@privet/domain/principals";
import { legalBasisOf, type Purpose } from "@privet/domain/purposes";
import { AppError } from "../../errors/app-error.js";

/** Why a partner may not ask about this purpose at all (checked before any subject is read). */
export function agreementRefusal(
  agreement: Agreement | null,
  processorId: string,
  purpose: Purpose,
  now: Date,
): DenyReason | null {
  if (agreement === null || agreement.processorId !== processorId) return "NO_AGREEMENT";
  if (now < agreement.validFrom) return "NO_AGREEMENT";
  if (now >= agreement.validUntil) return "AGREEMENT_EXPIRED";
  // Legal disclosures are made by staff, never asked for by a processor (as decide() says).
  if (!agreement.purposes.includes(purpose) || purpose === "LEGAL_OBLIGATION") {
    return "PURPOSE_NOT_PERMITTED";
  }
  return null;
}

export function refused(reason: DenyReason): AppError {
  return new AppError(
    "FORBIDDEN",
    reason === "PURPOSE_NOT_PERMITTED"
      ? "Your data-processing agreement does not cover this purpose."
      : reason === "AGREEMENT_EXPIRED"
        ? "Your data-processing agreement has expired."
        : "There is no data-processing agreement in force with you.",
    { reason },
  );
}

/**
 * The customer's current state for the purpose: undefined when there is no such customer (or
 * they were erased), null when never asked. One statement, both lookups by primary key.
 */
export async function currentConsentFor(
  reader: SqlReader,
  customerId: string,
  purpose: Purpose,
): Promise<ConsentState | null | undefined> {
  // Only a consent purpose can have a row; others are checked for the customer alone.
  const consentPurpose = isConsentPurpose(purpose) ? purpose : null;
  // Through the SQL reader, past the ORM: every partner check runs it (bench/RESULTS.md).
  const rows = await reader.query<{ state: ConsentState | null }>(
    `SELECT cc."state"::text AS "state"
    FROM "Customer" c
    LEFT JOIN "ConsentCurrent" cc
      ON cc."subjectKind" = 'CUSTOMER' AND cc."subjectId" = c."id"
     AND cc."purpose"::text = $2::text
    WHERE c."id" = $1::uuid AND c."erasedAt" IS NULL`,
    [customerId, consentPurpose],
  );
  return rows.length === 0 ? undefined : (rows[0]?.state ?? null);
}

/** Permitted unless the purpose rests on consent and the person has not given it. */
export function consentAnswer(purpose: Purpose, state: ConsentState | null) {
  const basis = legalBasisOf(purpose);
  const permitted = basis !== "CONSENT" || (isConsentPurpose(purpose) && state === "GIVEN");
  return { basis, permitted, reason: permitted ? null : ("CONSENT_WITHDRAWN" as const) };
}
