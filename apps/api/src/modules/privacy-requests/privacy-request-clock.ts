/**
 * The legal clock of a new privacy request, from the domain's deadlines: the same rule the
 * demo seed applies (packages/db/src/seed/requests.ts).
 *
 * - CCPA, a request to know, delete or correct: confirm receipt within 10 business days,
 *   answer within 45 calendar days.
 * - CCPA, an opt-out of sharing: honour it within 15 business days; no confirmation is due.
 * - GDPR (and OTHER, which takes the GDPR rule as the stricter default): one month, for every
 *   kind, objections included (Art. 12(3)); no separate confirmation.
 */
import {
  ccpaConfirmBy,
  type Jurisdiction,
  optOutHonourBy,
  privacyRequestDueDate,
} from "@privet/domain/clocks";
import type { PrivacyRequestKind } from "./privacy-request-enums.js";

export interface PrivacyRequestClock {
  readonly dueAt: Date;
  readonly confirmBy: Date | null;
}

export function privacyRequestClock(
  kind: PrivacyRequestKind,
  jurisdiction: Jurisdiction,
  receivedAt: Date,
): PrivacyRequestClock {
  if (jurisdiction === "CCPA" && kind === "STOP_SHARING") {
    return { dueAt: optOutHonourBy(receivedAt), confirmBy: null };
  }
  return {
    dueAt: privacyRequestDueDate(jurisdiction, receivedAt),
    confirmBy: jurisdiction === "CCPA" ? ccpaConfirmBy(receivedAt) : null,
  };
}
