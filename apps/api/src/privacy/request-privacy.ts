/**
 * One request's privacy machinery, made with its context: the decision inputs (loaded in
 * batches), the gate that decides and caches with them, and the recorder that collects the
 * reads to audit and cites what the inputs loaded. All three read who asks and why when they
 * need to, since signing in changes the principal mid-request.
 */
import type { PrismaClient } from "@privet/db/client";
import type { Principal } from "@privet/domain/principals";
import { AccessReadRecorder } from "./access-read-recorder.js";
import { decisionInputQueries, type PartnerAgreementRow } from "./decision-input-queries.js";
import { DecisionInputs } from "./decision-inputs.js";
import type { DeclaredPurpose } from "./declared-purpose.js";
import { PrivacyGate } from "./privacy-gate.js";

export interface RequestPrivacyOptions {
  readonly principal: () => Principal;
  readonly purpose: () => DeclaredPurpose | null;
  readonly operationName: () => string | null;
  readonly requestId: string;
  readonly now: Date;
  /** The partner's agreements when they came with its key; else loaded when needed. */
  readonly partnerAgreements: readonly PartnerAgreementRow[] | null;
}

export function requestPrivacy(
  prisma: PrismaClient,
  options: RequestPrivacyOptions,
): { readonly gate: PrivacyGate; readonly accessReads: AccessReadRecorder } {
  const inputs = new DecisionInputs(decisionInputQueries(prisma), options);
  return {
    gate: new PrivacyGate(inputs, options),
    accessReads: new AccessReadRecorder(inputs, options),
  };
}
