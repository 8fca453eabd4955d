/**
 * The per-request privacy gate: decides each personal field with decide() from
 * @privet/domain, loading its inputs in batches (one statement per kind of input per request,
 * whatever the number of rows), caching decisions, and collecting the audit events of the
 * allowed reads of other people's data, which are written in one batch when the response is
 * sent.
 */
import { type AccessRecordInput, type StoredRead, storedRead } from "@privet/db/audit";
import type { PrismaClient } from "@privet/db/client";
import { currentConsents } from "@privet/db/ledger";
import type { ConsentSnapshot } from "@privet/domain/consent";
import {
  type Decision,
  decide,
  decisionDependsOnSubject,
  isGrantActive,
} from "@privet/domain/decide";
import type {
  Agreement,
  BreakGlassGrant,
  LegalRequestScope,
  Principal,
} from "@privet/domain/principals";
import { isPurpose, legalBasisOf, type Purpose } from "@privet/domain/purposes";
import { type DataCategory, isDataCategory } from "@privet/domain/taxonomy";
import DataLoader from "dataloader";
import type { PartnerAgreementRow } from "../context/resolve-principal.js";

export interface DeclaredPurpose {
  readonly name: Purpose;
  readonly ref: string | null;
}

export interface GateRequest {
  readonly principal: () => Principal;
  readonly purpose: () => DeclaredPurpose | null;
  readonly operationName: () => string | null;
  readonly requestId: string;
  readonly now: Date;
  /** The partner's agreements when they came with its key; else loaded when needed. */
  readonly partnerAgreements: readonly PartnerAgreementRow[] | null;
}

export interface AllowedDecision {
  readonly allow: true;
  readonly breakGlassId: string | null;
  readonly legalRequestId: string | null;
}

/** The inputs every field of one operation shares. */
interface SharedInputs {
  readonly principal: Principal;
  readonly purpose: DeclaredPurpose | null;
  readonly grants: readonly BreakGlassGrant[];
  readonly agreement: Agreement | null;
  readonly legalRequest: LegalRequestScope | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PrivacyGate {
  private readonly consents: DataLoader<string, ConsentSnapshot>;
  private readonly decisions = new Map<string, Decision | Promise<Decision>>();
  private decidedFor: {
    principal: Principal | null;
    purpose: DeclaredPurpose | null;
    perSubject: boolean;
  } = { principal: null, purpose: null, perSubject: true };
  private shared?: SharedInputs;
  private grants?: Promise<ReadonlyArray<BreakGlassGrant & { id: string }>>;
  private agreement?: Promise<Agreement | null>;
  private legalRequest?: Promise<LegalRequestScope | null>;
  /** Reads to audit, a batch per reader and purpose (nearly always one per request). */
  private readonly batches: Array<{
    readonly principal: Extract<Principal, { kind: "staff" | "partner" }>;
    readonly purpose: DeclaredPurpose | null;
    readonly reads: StoredRead[];
  }> = [];

  constructor(
    private readonly prisma: PrismaClient,
    private readonly request: GateRequest,
  ) {
    this.consents = new DataLoader(async (subjectIds) => {
      const snapshots = await currentConsents(prisma, "CUSTOMER", subjectIds);
      return subjectIds.map((id) => snapshots.get(id) ?? {});
    });
  }

  get principal(): Principal {
    return this.request.principal();
  }

  /** Whether the principal is the subject: their own reads need no purpose and no audit. */
  isSubject(subjectId: string): boolean {
    return this.principal.kind === "customer" && this.principal.subjectId === subjectId;
  }

  /**
   * Loads, before execution, the inputs every field of the operation shares (the staff
   * member's grants, the partner's agreement, the cited legal request), so that decisions
   * that need nothing per subject are made synchronously, without a promise per field.
   */
  async prepare(): Promise<void> {
    const principal = this.principal;
    if (principal.kind !== "staff" && principal.kind !== "partner") return;
    const purpose = this.request.purpose();
    const [grants, agreement, legalRequest] = await Promise.all([
      principal.kind === "staff" ? this.loadGrants() : [],
      principal.kind === "partner" ? this.loadAgreement() : null,
      purpose?.name === "LEGAL_OBLIGATION" ? this.loadLegalRequest(purpose.ref) : null,
    ]);
    this.shared = { principal, purpose, grants, agreement, legalRequest };
  }

  /**
   * decide() for one field, with the request's inputs. Cached per category when the answer
   * cannot depend on the subject (decisionDependsOnSubject), else per subject and category.
   * A Decision when everything it needs is already loaded, otherwise a promise of one.
   */
  decide(subjectId: string, category: DataCategory): Decision | Promise<Decision> {
    const { principal } = this;
    const purpose = this.request.purpose();
    // Decisions are for who asks and why: signing in mid-request starts afresh.
    if (principal !== this.decidedFor.principal || purpose !== this.decidedFor.purpose) {
      this.decisions.clear();
      this.decidedFor = {
        principal,
        purpose,
        perSubject: decisionDependsOnSubject(principal, purpose?.name ?? null),
      };
    }
    const key = this.decidedFor.perSubject ? `${subjectId}|${category}` : category;
    let decision = this.decisions.get(key);
    if (!decision) {
      const shared = this.shared;
      decision =
        shared &&
        shared.principal === principal &&
        shared.purpose === purpose &&
        !this.needsConsents(purpose)
          ? this.decideWith(subjectId, category, {}, shared)
          : this.evaluate(subjectId, category);
      this.decisions.set(key, decision);
    }
    return decision;
  }

  /** Consents only matter under a purpose that rests on consent: skip loading them otherwise. */
  private needsConsents(purpose: DeclaredPurpose | null): boolean {
    return purpose !== null && legalBasisOf(purpose.name) === "CONSENT";
  }

  private async evaluate(subjectId: string, category: DataCategory): Promise<Decision> {
    const { principal } = this;
    const purpose = this.request.purpose();
    const needsInputs = principal.kind === "staff" || principal.kind === "partner";
    const [consents, grants, agreement, legalRequest] = needsInputs
      ? await Promise.all([
          this.needsConsents(purpose) ? this.consents.load(subjectId) : {},
          principal.kind === "staff" ? this.loadGrants() : [],
          principal.kind === "partner" ? this.loadAgreement() : null,
          purpose?.name === "LEGAL_OBLIGATION" ? this.loadLegalRequest(purpose.ref) : null,
        ])
      : [{}, [], null, null];
    return this.decideWith(subjectId, category, consents, {
      principal,
      purpose,
      grants,
      agreement,
      legalRequest,
    });
  }

  private decideWith(
    subjectId: string,
    category: DataCategory,
    consents: ConsentSnapshot,
    inputs: SharedInputs,
  ): Decision {
    return decide({
      principal: inputs.principal,
      purpose: inputs.purpose?.name ?? null,
      category,
      subjectId,
      consents,
      grants: inputs.grants,
      agreement: inputs.agreement,
      legalRequest: inputs.legalRequest,
      now: this.request.now,
    });
  }

  /**
   * Records a read of someone else's personal field by staff or a partner, for the audit
   * batch: allowed, or denied with its reason (refused attempts are evidence too). Synchronous
   * and allocation-light on purpose — it runs for every field; what it needs from the
   * database (the grant or legal request the read relied on) is looked up once, when the
   * batch is taken.
   */
  recordRead(
    subjectId: string,
    category: DataCategory,
    fieldPath: string,
    denyReason: string | null = null,
  ): void {
    const { principal } = this;
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

  /** The audit records collected so far (taken once, by the privacy plugin). */
  async takeReads(): Promise<AccessRecordInput[]> {
    const batches = this.batches.splice(0, this.batches.length);
    if (batches.length === 0) return [];
    const grants = batches.some((batch) => batch.principal.kind === "staff")
      ? await this.loadGrants()
      : [];
    const purpose = this.request.purpose();
    const legalRequest =
      purpose?.name === "LEGAL_OBLIGATION" ? await this.loadLegalRequest(purpose.ref) : null;
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

  private loadGrants(): Promise<ReadonlyArray<BreakGlassGrant & { id: string }>> {
    const { principal } = this;
    if (principal.kind !== "staff") return Promise.resolve([]);
    this.grants ??= this.prisma.breakGlassGrant
      .findMany({ where: { staffUserId: principal.staffId, expiresAt: { gt: this.request.now } } })
      .then((rows) =>
        rows.map((row) => ({
          id: row.id,
          staffId: row.staffUserId,
          subjectId: row.customerId,
          reason: row.reason,
          startsAt: row.startsAt,
          expiresAt: row.expiresAt,
          revokedAt: row.revokedAt,
        })),
      );
    return this.grants;
  }

  private loadAgreement(): Promise<Agreement | null> {
    const { principal } = this;
    if (principal.kind !== "partner") return Promise.resolve(null);
    const known = this.request.partnerAgreements;
    this.agreement ??= (
      known?.every((row) => row.processorId === principal.processorId)
        ? Promise.resolve(known)
        : this.prisma.processorAgreement.findMany({
            where: { processorId: principal.processorId },
            orderBy: { validUntil: "desc" },
          })
    ).then((rows) => agreementInForce(rows, this.request.now));
    return this.agreement;
  }

  private loadLegalRequest(ref: string | null): Promise<LegalRequestScope | null> {
    if (!ref) return Promise.resolve(null);
    // `reference` is unique per authority only: two open requests sharing one make the scope
    // ambiguous, so that cites nothing (the id is always unambiguous).
    this.legalRequest ??= this.prisma.legalRequest
      .findMany({
        take: 2,
        where: {
          status: { not: "CLOSED" },
          OR: UUID.test(ref) ? [{ id: ref }, { reference: ref }] : [{ reference: ref }],
        },
        include: { subjects: { select: { customerId: true } } },
      })
      .then(([row, second]) =>
        row && !second
          ? {
              id: row.id,
              subjectIds: row.subjects.map((s) => s.customerId),
              categories: row.categories.filter(isDataCategory),
            }
          : null,
      );
    return this.legalRequest;
  }
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
