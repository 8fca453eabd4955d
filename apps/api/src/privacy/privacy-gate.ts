/**
 * The request's privacy gate: decide() from @privet/domain for each personal field, and a
 * cache of its answers — per category when the answer cannot depend on the subject
 * (decisionDependsOnSubject: a partner under a purpose that does not rest on consent), else
 * per subject and category. It only decides and caches, like Pothos's scope-auth cache:
 * loading the inputs is decision-inputs.ts's job, collecting the reads for the audit log
 * access-read-recorder.ts's.
 */
import { type Decision, decide, decisionDependsOnSubject } from "@privet/domain/decide";
import type { Agreement, Principal } from "@privet/domain/principals";
import type { DataCategory } from "@privet/domain/taxonomy";
import type { DecisionInputs, FieldInputs } from "./decision-inputs.js";
import type { DeclaredPurpose } from "./declared-purpose.js";

export interface GateRequest {
  /** Who asks and why, as they are at decision time. */
  readonly principal: () => Principal;
  readonly purpose: () => DeclaredPurpose | null;
  readonly now: Date;
}

export class PrivacyGate {
  private readonly decisions = new Map<string, Decision | Promise<Decision>>();
  private decidedFor: {
    principal: Principal | null;
    purpose: DeclaredPurpose | null;
    perSubject: boolean;
  } = { principal: null, purpose: null, perSubject: true };
  /** Subjects found by a legal-request intake lookup in this request (legal-intake.ts). */
  private readonly intakeMatches = new Set<string>();

  constructor(
    private readonly inputs: Pick<
      DecisionInputs,
      "preload" | "loaded" | "load" | "partnerAgreement"
    >,
    private readonly request: GateRequest,
  ) {}

  /**
   * Before execution: has the inputs every field shares loaded ahead, so that decisions that
   * need nothing per subject are made synchronously, without a promise per field.
   */
  prepare(): Promise<void> {
    return this.inputs.preload(this.request.purpose());
  }

  /** The asking partner's agreement in force (consentCheck decides by purpose, not by field). */
  partnerAgreement(): Promise<Agreement | null> {
    return this.inputs.partnerAgreement();
  }

  /**
   * Legal-request intake: this subject was found by an exact lookup of the identifier an
   * authority gave (searchCustomers under LEGAL_OBLIGATION, after decideLegalIntake allowed it).
   * For the rest of the request decide() is told so, and opens its name and email alone.
   */
  admitIntakeMatch(subjectId: string): void {
    this.intakeMatches.add(subjectId);
    for (const key of [...this.decisions.keys()]) {
      if (key.startsWith(`${subjectId}|`)) this.decisions.delete(key);
    }
  }

  /**
   * decide() for one field, cached. A Decision when everything it needs is already loaded,
   * otherwise a promise of one.
   */
  decide(subjectId: string, category: DataCategory): Decision | Promise<Decision> {
    const principal = this.request.principal();
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
      const loaded = this.inputs.loaded(principal, purpose);
      decision = loaded
        ? this.decideWith(subjectId, category, loaded)
        : this.inputs
            .load(subjectId, purpose)
            .then((inputs) => this.decideWith(subjectId, category, inputs));
      this.decisions.set(key, decision);
    }
    return decision;
  }

  private decideWith(subjectId: string, category: DataCategory, inputs: FieldInputs): Decision {
    return decide({
      principal: inputs.principal,
      purpose: inputs.purpose?.name ?? null,
      category,
      subjectId,
      consents: inputs.consents,
      grants: inputs.grants,
      agreement: inputs.agreement,
      legalRequest: inputs.legalRequest,
      intake: this.intakeMatches.has(subjectId),
      now: this.request.now,
    });
  }
}
