/**
 * Collects a request's access events: every read of someone else's personal field by staff or
 * a partner, allowed or denied with its reason (refused attempts are evidence too). The
 * privacy plugin takes them as access records when the response is about to leave and hands
 * them to the audit writer. It only collects: what a record cites from the database (the
 * grant a read relied on, the legal request) comes from the request's decision inputs, which
 * have loaded it already for the decisions.
 */
import { type AccessRecordInput, type StoredRead, storedRead } from "@privet/db/audit";
import { isGrantActive } from "@privet/domain/decide";
import type { Principal } from "@privet/domain/principals";
import type { DataCategory } from "@privet/domain/taxonomy";
import type { DecisionInputs } from "./decision-inputs.js";
import type { DeclaredPurpose } from "./declared-purpose.js";

/**
 * What a read is recorded under: a category of the taxonomy, or a consent choice (a partner's
 * consentCheck: consent states are not data about a person in the taxonomy's sense, but which
 * partner asked about whom is evidence all the same).
 */
export const CONSENT_CHOICE = "consent.choice";
export type RecordedCategory = DataCategory | typeof CONSENT_CHOICE;

export interface AccessReadRequest {
  readonly principal: () => Principal;
  readonly purpose: () => DeclaredPurpose | null;
  readonly operationName: () => string | null;
  readonly requestId: string;
  readonly now: Date;
}

/** Reads that become one access record: one reader under one purpose. */
interface Batch {
  readonly principal: Extract<Principal, { kind: "staff" | "partner" }>;
  readonly purpose: DeclaredPurpose | null;
  readonly reads: StoredRead[];
}

export class AccessReadRecorder {
  /** Nearly always one per request; another only if who asks or why changes mid-request. */
  private readonly batches: Batch[] = [];

  constructor(
    private readonly inputs: Pick<DecisionInputs, "grantsOfStaff" | "citedLegalRequest">,
    private readonly request: AccessReadRequest,
  ) {}

  /**
   * One read of someone else's personal field; reads by anyone but staff and partners (a
   * customer's own data) are not access events. Synchronous and allocation-light on purpose:
   * it runs for every field.
   */
  record(
    subjectId: string,
    category: RecordedCategory,
    fieldPath: string,
    denyReason: string | null = null,
  ): void {
    const principal = this.request.principal();
    if (principal.kind !== "staff" && principal.kind !== "partner") return;
    // Each read is attributed to who asked and why at the moment it was made.
    const purpose = this.request.purpose();
    let batch = this.batches[this.batches.length - 1];
    if (!batch || batch.principal !== principal || batch.purpose !== purpose) {
      batch = { principal, purpose, reads: [] };
      this.batches.push(batch);
    }
    batch.reads.push(
      denyReason ? [subjectId, category, fieldPath, denyReason] : [subjectId, category, fieldPath],
    );
  }

  /** The access records collected so far, taken once (by the privacy plugin). */
  async take(): Promise<AccessRecordInput[]> {
    const batches = this.batches.splice(0, this.batches.length);
    if (batches.length === 0) return [];
    const grants = batches.some((batch) => batch.principal.kind === "staff")
      ? await this.inputs.grantsOfStaff()
      : [];
    const purpose = this.request.purpose();
    const legalRequest =
      purpose?.name === "LEGAL_OBLIGATION"
        ? await this.inputs.citedLegalRequest(purpose.ref)
        : null;
    const operationName = this.request.operationName();
    const { now, requestId } = this.request;
    return batches.map(({ principal, purpose: declared, reads }) => {
      const staffId = principal.kind === "staff" ? principal.staffId : null;
      return {
        requestId,
        principalKind: principal.kind === "staff" ? "STAFF" : "PARTNER",
        principalId: principal.kind === "staff" ? principal.staffId : principal.processorId,
        staffRole: principal.kind === "staff" ? principal.role : null,
        purpose: declared?.name ?? null,
        reference: declared?.ref ?? null,
        operationName,
        legalRequestId: declared?.name === "LEGAL_OBLIGATION" ? (legalRequest?.id ?? null) : null,
        occurredAt: now,
        // An allowed staff read of customer-held records cites the grant it relied on.
        reads: staffId
          ? reads.map((read) => {
              const [subjectId, category, fieldPath] = read;
              if (read.length !== 3 || category !== "user.held.other_individuals") return read;
              const grant = grants.find(
                (g) => g.staffId === staffId && g.subjectId === subjectId && isGrantActive(g, now),
              );
              return grant ? storedRead(subjectId, category, fieldPath, null, grant.id) : read;
            })
          : reads,
      };
    });
  }
}
