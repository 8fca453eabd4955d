/**
 * The privacy decision's inputs for one request, loaded in batches: one statement per kind of
 * input, whatever the number of rows — the subjects' consents through one DataLoader, the
 * staff member's break-glass grants and the cited legal request once, the partner's
 * agreements once (or not at all: they usually come with its key). It only loads; the gate
 * decides (privacy-gate.ts) and the access-read recorder cites what was loaded.
 */
import type { ConsentSnapshot } from "@privet/domain/consent";
import type { Agreement, LegalRequestScope, Principal } from "@privet/domain/principals";
import { isPurpose, legalBasisOf } from "@privet/domain/purposes";
import { isDataCategory } from "@privet/domain/taxonomy";
import DataLoader from "dataloader";
import type {
  DecisionInputQueries,
  GrantOnRecord,
  PartnerAgreementRow,
} from "./decision-input-queries.js";
import type { DeclaredPurpose } from "./declared-purpose.js";

export interface DecisionInputsRequest {
  /** Who asks, as they are when an input is first needed. */
  readonly principal: () => Principal;
  readonly now: Date;
  /** The partner's agreements when they came with its key; else loaded when needed. */
  readonly partnerAgreements: readonly PartnerAgreementRow[] | null;
}

/** What decide() needs besides the field: who asks, why, and what applies to them. */
export interface FieldInputs {
  readonly principal: Principal;
  readonly purpose: DeclaredPurpose | null;
  readonly consents: ConsentSnapshot;
  readonly grants: readonly GrantOnRecord[];
  readonly agreement: Agreement | null;
  readonly legalRequest: LegalRequestScope | null;
}

const NO_CONSENTS: ConsentSnapshot = {};

export class DecisionInputs {
  private readonly consents: DataLoader<string, ConsentSnapshot>;
  private grants?: Promise<readonly GrantOnRecord[]>;
  private agreement?: Promise<Agreement | null>;
  private legalRequest?: Promise<LegalRequestScope | null>;
  /** What every field shares, loaded before execution (preload). */
  private preloaded?: FieldInputs;

  constructor(
    private readonly queries: DecisionInputQueries,
    private readonly request: DecisionInputsRequest,
  ) {
    this.consents = new DataLoader(async (subjectIds) => {
      const snapshots = await queries.consents(subjectIds);
      return subjectIds.map((id) => snapshots.get(id) ?? NO_CONSENTS);
    });
  }

  /**
   * Loads, before execution, the inputs every field of the operation shares (the staff
   * member's grants, the partner's agreement, the cited legal request), so that decisions that
   * need nothing per subject can be made synchronously, without a promise per field.
   */
  async preload(purpose: DeclaredPurpose | null): Promise<void> {
    const principal = this.request.principal();
    if (principal.kind !== "staff" && principal.kind !== "partner") return;
    this.preloaded = { principal, ...(await this.shared(principal, purpose)) };
  }

  /** A field's inputs without waiting, when preloaded for who asks and why and none is per subject. */
  loaded(principal: Principal, purpose: DeclaredPurpose | null): FieldInputs | null {
    const preloaded = this.preloaded;
    return preloaded &&
      preloaded.principal === principal &&
      preloaded.purpose === purpose &&
      !needsConsents(purpose)
      ? preloaded
      : null;
  }

  /** A field's inputs for this subject: their consents come in one batch with the others'. */
  async load(subjectId: string, purpose: DeclaredPurpose | null): Promise<FieldInputs> {
    const principal = this.request.principal();
    if (principal.kind !== "staff" && principal.kind !== "partner") {
      // Customers and visitors are decided by who they are alone.
      return {
        principal,
        purpose,
        consents: NO_CONSENTS,
        grants: [],
        agreement: null,
        legalRequest: null,
      };
    }
    const [consents, shared] = await Promise.all([
      needsConsents(purpose) ? this.consents.load(subjectId) : NO_CONSENTS,
      this.shared(principal, purpose),
    ]);
    return { principal, ...shared, consents };
  }

  /** The staff member's grants (none for anyone else), loaded once per request. */
  grantsOfStaff(): Promise<readonly GrantOnRecord[]> {
    const principal = this.request.principal();
    if (principal.kind !== "staff") return Promise.resolve([]);
    this.grants ??= this.queries.grants(principal.staffId, this.request.now);
    return this.grants;
  }

  /** The legal request the purpose's reference cites, looked up once per request. */
  citedLegalRequest(ref: string | null): Promise<LegalRequestScope | null> {
    if (!ref) return Promise.resolve(null);
    this.legalRequest ??= this.queries.legalRequest(ref);
    return this.legalRequest;
  }

  private async shared(principal: Principal, purpose: DeclaredPurpose | null) {
    const [grants, agreement, legalRequest] = await Promise.all([
      principal.kind === "staff" ? this.grantsOfStaff() : [],
      principal.kind === "partner" ? this.partnerAgreement() : null,
      purpose?.name === "LEGAL_OBLIGATION" ? this.citedLegalRequest(purpose.ref) : null,
    ]);
    return { purpose, consents: NO_CONSENTS, grants, agreement, legalRequest };
  }

  /**
   * The partner's agreement in force now (else the latest that lapsed), loaded once per
   * request; null for anyone else. Usually it came with the partner's key.
   */
  partnerAgreement(): Promise<Agreement | null> {
    const principal = this.request.principal();
    if (principal.kind !== "partner") return Promise.resolve(null);
    const known = this.request.partnerAgreements;
    this.agreement ??= (
      known?.every((row) => row.processorId === principal.processorId)
        ? Promise.resolve(known)
        : this.queries.agreements(principal.processorId)
    ).then((rows) => agreementInForce(rows, this.request.now));
    return this.agreement;
  }
}

/** Consents only matter under a purpose that rests on consent: they are not loaded otherwise. */
function needsConsents(purpose: DeclaredPurpose | null): boolean {
  return purpose !== null && legalBasisOf(purpose.name) === "CONSENT";
}

/** The agreement in force at `now`; else the latest that lapsed (so the reason says it expired). */
function agreementInForce(rows: readonly PartnerAgreementRow[], now: Date): Agreement | null {
  const at = now.getTime();
  const agreements = rows.map((row) => ({
    processorId: row.processorId,
    purposes: row.purposes.filter(isPurpose),
    categories: row.categories.filter(isDataCategory),
    validFrom: row.validFrom,
    // A terminated agreement ends when it was terminated.
    validUntil:
      row.terminatedAt && row.terminatedAt < row.validUntil ? row.terminatedAt : row.validUntil,
  }));
  return (
    agreements.find((a) => a.validFrom.getTime() <= at && at < a.validUntil.getTime()) ??
    agreements.find((a) => a.validUntil.getTime() <= at) ??
    null
  );
}
