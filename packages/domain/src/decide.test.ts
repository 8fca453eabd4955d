/**
 * decide() tests. Expected outcomes are written out by hand from the policy (CLAUSES.md) and
 * the brief's rules, never computed from PURPOSE_DEFINITIONS or ROLE_PURPOSES: if the
 * vocabulary drifts from the policy, these tests should say so.
 */
import { describe, expect, it } from "vitest";
import {
  CONSENT_STATES,
  type ConsentPurpose,
  type ConsentSnapshot,
  type ConsentState,
} from "./consent.js";
import {
  DENY_REASONS,
  type DecisionInput,
  type DenyReason,
  decide,
  decisionDependsOnSubject,
  explainDenyReason,
} from "./decide.js";
import {
  type Agreement,
  type BreakGlassGrant,
  type LegalRequestScope,
  type Principal,
  STAFF_ROLES,
  type StaffRole,
} from "./principals.js";
import { PURPOSES, type Purpose } from "./purposes.js";
import { ALL_CATEGORIES, type DataCategory } from "./taxonomy.js";

// ── Fixtures ──────────────────────────────────────────────────────────────────────────────

const NOW = new Date("2026-06-15T12:00:00Z");
const at = (iso: string) => new Date(iso);
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);

const SUBJECT = "subject-1";
const OTHER_SUBJECT = "subject-2";

/** Hand-written lists (not imported) of what the policy calls each thing. */
const CONSENT_BASED: readonly Purpose[] = [
  "MARKETING",
  "PERSONALISATION",
  "SERVICE_IMPROVEMENT",
  "REMARKETING",
];
const PASSWORD: DataCategory = "user.credentials.password";
const HELD: DataCategory = "user.held.other_individuals";
const CONTACT_AND_CARD: readonly DataCategory[] = [
  "user.name",
  "user.contact.email",
  "user.financial.card.brand",
  "user.financial.card.last4",
  "user.financial.card.expiry",
  "user.financial.card.token",
];

type Who =
  | "anonymous"
  | "customer"
  | "otherCustomer"
  | StaffRole
  | "emailPartner"
  | "adsPartner"
  | "storagePartner"
  | "paymentPartner";

const PROCESSOR: Record<
  "emailPartner" | "adsPartner" | "storagePartner" | "paymentPartner",
  string
> = {
  emailPartner: "proc-email",
  adsPartner: "proc-ads",
  storagePartner: "proc-storage",
  paymentPartner: "proc-payment",
};

function principalFor(who: Who): Principal {
  switch (who) {
    case "anonymous":
      return { kind: "anonymous", visitorId: "visitor-1" };
    case "customer":
      return { kind: "customer", subjectId: SUBJECT };
    case "otherCustomer":
      return { kind: "customer", subjectId: OTHER_SUBJECT };
    case "emailPartner":
    case "adsPartner":
    case "storagePartner":
    case "paymentPartner":
      return { kind: "partner", processorId: PROCESSOR[who] };
    default:
      return { kind: "staff", staffId: staffIdOf(who), role: who };
  }
}
const staffIdOf = (role: StaffRole) => `staff-${role.toLowerCase()}`;
/** The id a grant is issued to for this principal (partners get one too: it must not help). */
function actorId(who: Who): string {
  const principal = principalFor(who);
  if (principal.kind === "staff") return principal.staffId;
  if (principal.kind === "partner") return principal.processorId;
  return "nobody";
}

// Each partner's real agreement (what a sensible contract would say), valid for 2026.
const AGREEMENT_TERMS: Record<
  keyof typeof PROCESSOR,
  Pick<Agreement, "purposes" | "categories">
> = {
  emailPartner: {
    purposes: ["MARKETING", "SERVICE_ANNOUNCEMENTS"],
    categories: ["user.name", "user.contact.email"],
  },
  adsPartner: {
    purposes: ["REMARKETING"],
    categories: ["user.device.cookie_id", "user.behavior.navigation"],
  },
  storagePartner: {
    purposes: ["CROSS_BORDER_CONSOLIDATION"],
    // Deliberately over-broad (customer-held data, credentials): decide() must still refuse them.
    categories: [
      "user.name",
      "user.contact.email",
      "user.contact.country",
      "user.financial.card.token",
      "user.device.ip_address",
      "user.behavior.navigation",
      HELD,
      PASSWORD,
    ],
  },
  paymentPartner: {
    purposes: ["PAYMENT"],
    categories: [
      "user.name",
      "user.contact.email",
      "user.financial.card.brand",
      "user.financial.card.last4",
      "user.financial.card.expiry",
      "user.financial.card.token",
    ],
  },
};

type AgreementState =
  | "none"
  | "active"
  | "expired"
  | "notYetValid"
  | "otherProcessor"
  | "everything";

function agreementFor(who: Who, state: AgreementState): Agreement | null {
  if (state === "none" || !(who in PROCESSOR)) return null;
  const partner = who as keyof typeof PROCESSOR;
  const own = { processorId: PROCESSOR[partner], ...AGREEMENT_TERMS[partner] };
  const year2026 = {
    validFrom: at("2026-01-01T00:00:00Z"),
    validUntil: at("2027-01-01T00:00:00Z"),
  };
  switch (state) {
    case "active":
      return { ...own, ...year2026 };
    case "expired":
      return {
        ...own,
        validFrom: at("2025-01-01T00:00:00Z"),
        validUntil: at("2026-01-01T00:00:00Z"),
      };
    case "notYetValid":
      return {
        ...own,
        validFrom: at("2026-07-01T00:00:00Z"),
        validUntil: at("2027-07-01T00:00:00Z"),
      };
    case "otherProcessor":
      return { ...own, ...year2026, processorId: "proc-someone-else" };
    case "everything":
      // A careless agreement listing every purpose and category.
      return { ...own, ...year2026, purposes: PURPOSES, categories: ALL_CATEGORIES };
  }
}

type GrantState =
  | "malfunction"
  | "legalRequest"
  | "expired"
  | "notStarted"
  | "otherStaff"
  | "otherSubject"
  | "revoked"
  | "revokedAtNow"
  | "revokedLater";

function grantFor(who: Who, state: GrantState): BreakGlassGrant {
  const base: BreakGlassGrant = {
    staffId: actorId(who),
    subjectId: SUBJECT,
    reason: "MALFUNCTION",
    startsAt: hours(-1),
    expiresAt: hours(1),
  };
  switch (state) {
    case "malfunction":
      return base;
    case "legalRequest":
      return { ...base, reason: "LEGAL_REQUEST" };
    case "expired":
      return { ...base, startsAt: hours(-3), expiresAt: hours(-1) };
    case "notStarted":
      return { ...base, startsAt: hours(1), expiresAt: hours(3) };
    case "otherStaff":
      return { ...base, staffId: "staff-someone-else" };
    case "otherSubject":
      return { ...base, subjectId: OTHER_SUBJECT };
    case "revoked":
      return { ...base, revokedAt: hours(-0.5) };
    case "revokedAtNow":
      return { ...base, revokedAt: NOW };
    case "revokedLater":
      return { ...base, revokedAt: hours(0.5) };
  }
}

type LegalState = "none" | "inScope" | "otherSubject" | "otherCategory";

function legalRequestFor(state: LegalState, category: DataCategory): LegalRequestScope | null {
  switch (state) {
    case "none":
      return null;
    case "inScope":
      return { id: "LR-1", subjectIds: [SUBJECT], categories: [category] };
    case "otherSubject":
      return { id: "LR-1", subjectIds: [OTHER_SUBJECT], categories: [category] };
    case "otherCategory":
      return { id: "LR-1", subjectIds: [SUBJECT], categories: ["user.behavior.navigation"] };
  }
}

const consentsAll = (state: ConsentState): ConsentSnapshot => ({
  MARKETING: state,
  PERSONALISATION: state,
  SERVICE_IMPROVEMENT: state,
  REMARKETING: state,
});
const ALL_GIVEN = consentsAll("GIVEN");
const ALL_WITHDRAWN = consentsAll("WITHDRAWN");

/** The "input-ish" shorthand of one table row. Defaults: all consents GIVEN, nothing else. */
interface Case {
  readonly as: Who;
  readonly purpose?: Purpose;
  readonly category: DataCategory;
  readonly consents?: ConsentSnapshot;
  /** Partners default to their active agreement. */
  readonly agreement?: AgreementState;
  readonly grants?: readonly GrantState[];
  readonly legal?: LegalState;
  readonly now?: Date;
}

function inputFor(c: Case): DecisionInput {
  return {
    principal: principalFor(c.as),
    purpose: c.purpose ?? null,
    category: c.category,
    subjectId: SUBJECT,
    consents: c.consents ?? ALL_GIVEN,
    grants: (c.grants ?? []).map((g) => grantFor(c.as, g)),
    agreement: agreementFor(c.as, c.agreement ?? "active"),
    legalRequest: legalRequestFor(c.legal ?? "none", c.category),
    now: c.now ?? NOW,
  };
}

type Expected = "ALLOW" | DenyReason;
const outcome = (input: DecisionInput): Expected => {
  const decision = decide(input);
  return decision.allow ? "ALLOW" : decision.reason;
};

// ── The matrix ───────────────────────────────────────────────────────────────────────────

const EMAIL: DataCategory = "user.contact.email";
const NAME: DataCategory = "user.name";
const NAV: DataCategory = "user.behavior.navigation";
const COOKIE: DataCategory = "user.device.cookie_id";
const MESSAGE: DataCategory = "user.content.message";

const MATRIX: ReadonlyArray<readonly [string, Case, Expected]> = [
  // 1. Credentials are never readable, whoever asks and whatever they bring.
  ["anonymous asks for a password", { as: "anonymous", category: PASSWORD }, "NEVER_READABLE"],
  [
    "customer asks for their own password",
    { as: "customer", category: PASSWORD },
    "NEVER_READABLE",
  ],
  [
    "privacy officer under a legal request naming the password",
    { as: "PRIVACY_OFFICER", purpose: "LEGAL_OBLIGATION", category: PASSWORD, legal: "inScope" },
    "NEVER_READABLE",
  ],
  [
    "security officer with an active malfunction grant",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: PASSWORD,
      grants: ["malfunction"],
    },
    "NEVER_READABLE",
  ],
  [
    "storage partner whose agreement lists the password",
    { as: "storagePartner", purpose: "CROSS_BORDER_CONSOLIDATION", category: PASSWORD },
    "NEVER_READABLE",
  ],
  [
    "credentials beat a missing agreement",
    { as: "emailPartner", category: PASSWORD, agreement: "none" },
    "NEVER_READABLE",
  ],
  [
    "auditor without a purpose asks for a password",
    { as: "AUDITOR", category: PASSWORD },
    "NEVER_READABLE",
  ],

  // 2. Anonymous visitors see nothing.
  ["anonymous asks for an email", { as: "anonymous", category: EMAIL }, "UNAUTHENTICATED"],
  [
    "anonymous declares SUPPORT",
    { as: "anonymous", purpose: "SUPPORT", category: "user.device.ip_address" },
    "UNAUTHENTICATED",
  ],
  [
    "anonymous asks for a cookie ID under REMARKETING",
    { as: "anonymous", purpose: "REMARKETING", category: COOKIE },
    "UNAUTHENTICATED",
  ],

  // 3. Customers: their own data, nobody else's.
  ["customer reads their own email", { as: "customer", category: EMAIL }, "ALLOW"],
  [
    "customer reads their own card token",
    { as: "customer", category: "user.financial.card.token" },
    "ALLOW",
  ],
  [
    "customer reads the records they hold about others",
    { as: "customer", category: HELD },
    "ALLOW",
  ],
  [
    "customer reads their own navigation after withdrawing remarketing",
    { as: "customer", category: NAV, consents: ALL_WITHDRAWN },
    "ALLOW",
  ],
  [
    "customer declaring a purpose still reads their own data",
    { as: "customer", purpose: "MARKETING", category: NAME },
    "ALLOW",
  ],
  ["customer reads another person's email", { as: "otherCustomer", category: EMAIL }, "NOT_OWNER"],
  [
    "customer declaring SUPPORT reads another person's name",
    { as: "otherCustomer", purpose: "SUPPORT", category: NAME },
    "NOT_OWNER",
  ],

  // 4a/b. Staff: a purpose is required, and the role must be allowed to declare it.
  ["support agent without a purpose", { as: "SUPPORT_AGENT", category: EMAIL }, "PURPOSE_REQUIRED"],
  ["auditor without a purpose", { as: "AUDITOR", category: EMAIL }, "PURPOSE_REQUIRED"],
  ["auditor declaring SUPPORT", { as: "AUDITOR", purpose: "SUPPORT", category: EMAIL }, "ROLE"],
  [
    "support agent declaring PAYMENT",
    { as: "SUPPORT_AGENT", purpose: "PAYMENT", category: "user.financial.card.token" },
    "ROLE",
  ],
  [
    "support agent declaring LEGAL_OBLIGATION even with a legal request",
    { as: "SUPPORT_AGENT", purpose: "LEGAL_OBLIGATION", category: EMAIL, legal: "inScope" },
    "ROLE",
  ],
  [
    "administrator declaring SUPPORT",
    { as: "ADMINISTRATOR", purpose: "SUPPORT", category: EMAIL },
    "ROLE",
  ],
  [
    "security officer declaring SUPPORT",
    { as: "SECURITY_OFFICER", purpose: "SUPPORT", category: EMAIL },
    "ROLE",
  ],
  [
    "security officer declaring LEGAL_OBLIGATION",
    { as: "SECURITY_OFFICER", purpose: "LEGAL_OBLIGATION", category: EMAIL, legal: "inScope" },
    "ROLE",
  ],
  [
    "auditor declaring MALFUNCTION_INVESTIGATION with a grant",
    {
      as: "AUDITOR",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["malfunction"],
    },
    "ROLE",
  ],
  [
    "ROLE beats a purpose that cannot read the field",
    { as: "SUPPORT_AGENT", purpose: "MARKETING", category: "user.device.os" },
    "ROLE",
  ],
  [
    "ROLE beats a missing legal request",
    { as: "SUPPORT_AGENT", purpose: "LEGAL_OBLIGATION", category: EMAIL },
    "ROLE",
  ],
  [
    "support agent declaring REMARKETING",
    { as: "SUPPORT_AGENT", purpose: "REMARKETING", category: NAV },
    "ROLE",
  ],

  // 4c. Staff: the purpose must be allowed to read the category.
  [
    "support agent reads an email for SUPPORT",
    { as: "SUPPORT_AGENT", purpose: "SUPPORT", category: EMAIL },
    "ALLOW",
  ],
  [
    "support agent reads card last four for SUPPORT",
    { as: "SUPPORT_AGENT", purpose: "SUPPORT", category: "user.financial.card.last4" },
    "ALLOW",
  ],
  [
    "support agent reads the IP address for SUPPORT",
    { as: "SUPPORT_AGENT", purpose: "SUPPORT", category: "user.device.ip_address" },
    "ALLOW",
  ],
  [
    "support agent reads a support message for SUPPORT",
    { as: "SUPPORT_AGENT", purpose: "SUPPORT", category: MESSAGE },
    "ALLOW",
  ],
  [
    "privacy officer reads a support message under LEGAL_OBLIGATION with a legal request",
    { as: "PRIVACY_OFFICER", purpose: "LEGAL_OBLIGATION", category: MESSAGE, legal: "inScope" },
    "ALLOW",
  ],
  [
    "privacy officer reads a support message for MARKETING",
    { as: "PRIVACY_OFFICER", purpose: "MARKETING", category: MESSAGE },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "administrator reads a support message for SERVICE_ANNOUNCEMENTS",
    { as: "ADMINISTRATOR", purpose: "SERVICE_ANNOUNCEMENTS", category: MESSAGE },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "security officer reads a support message for MALFUNCTION_INVESTIGATION",
    { as: "SECURITY_OFFICER", purpose: "MALFUNCTION_INVESTIGATION", category: MESSAGE },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "support agent reads the card token for SUPPORT",
    { as: "SUPPORT_AGENT", purpose: "SUPPORT", category: "user.financial.card.token" },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "support agent reads navigation for SUPPORT",
    { as: "SUPPORT_AGENT", purpose: "SUPPORT", category: NAV },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "support agent reads customer-held data for SUPPORT, even with a grant",
    { as: "SUPPORT_AGENT", purpose: "SUPPORT", category: HELD, grants: ["malfunction"] },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "SUPPORT is contract-based: withdrawn consents do not matter",
    { as: "SUPPORT_AGENT", purpose: "SUPPORT", category: EMAIL, consents: ALL_WITHDRAWN },
    "ALLOW",
  ],
  [
    "administrator reads a name for SERVICE_ANNOUNCEMENTS",
    { as: "ADMINISTRATOR", purpose: "SERVICE_ANNOUNCEMENTS", category: NAME },
    "ALLOW",
  ],
  [
    "administrator reads the country for SERVICE_ANNOUNCEMENTS",
    { as: "ADMINISTRATOR", purpose: "SERVICE_ANNOUNCEMENTS", category: "user.contact.country" },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "privacy officer reads customer-held data for SUPPORT",
    { as: "PRIVACY_OFFICER", purpose: "SUPPORT", category: HELD },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "security officer reads an email for MALFUNCTION_INVESTIGATION (no grant needed)",
    { as: "SECURITY_OFFICER", purpose: "MALFUNCTION_INVESTIGATION", category: EMAIL },
    "ALLOW",
  ],
  [
    "security officer reads a name for MALFUNCTION_INVESTIGATION",
    { as: "SECURITY_OFFICER", purpose: "MALFUNCTION_INVESTIGATION", category: NAME },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "security officer reads an email for BREACH_RESPONSE with consents withdrawn",
    {
      as: "SECURITY_OFFICER",
      purpose: "BREACH_RESPONSE",
      category: EMAIL,
      consents: ALL_WITHDRAWN,
    },
    "ALLOW",
  ],
  [
    "security officer reads navigation for BREACH_RESPONSE",
    { as: "SECURITY_OFFICER", purpose: "BREACH_RESPONSE", category: NAV },
    "PURPOSE_NOT_PERMITTED",
  ],

  // 4f. Staff under a consent-based purpose.
  [
    "privacy officer reads an email for MARKETING with consent GIVEN",
    { as: "PRIVACY_OFFICER", purpose: "MARKETING", category: EMAIL },
    "ALLOW",
  ],
  [
    "... consent WITHDRAWN",
    {
      as: "PRIVACY_OFFICER",
      purpose: "MARKETING",
      category: EMAIL,
      consents: { MARKETING: "WITHDRAWN" },
    },
    "CONSENT_WITHDRAWN",
  ],
  [
    "... consent REFUSED",
    {
      as: "PRIVACY_OFFICER",
      purpose: "MARKETING",
      category: EMAIL,
      consents: { MARKETING: "REFUSED" },
    },
    "CONSENT_WITHDRAWN",
  ],
  [
    "... consent EXPIRED",
    {
      as: "PRIVACY_OFFICER",
      purpose: "MARKETING",
      category: EMAIL,
      consents: { MARKETING: "EXPIRED" },
    },
    "CONSENT_WITHDRAWN",
  ],
  [
    "... never asked (missing)",
    { as: "PRIVACY_OFFICER", purpose: "MARKETING", category: EMAIL, consents: {} },
    "CONSENT_WITHDRAWN",
  ],
  [
    "... consent is per purpose: remarketing GIVEN does not cover marketing",
    {
      as: "PRIVACY_OFFICER",
      purpose: "MARKETING",
      category: EMAIL,
      consents: { MARKETING: "WITHDRAWN", REMARKETING: "GIVEN" },
    },
    "CONSENT_WITHDRAWN",
  ],
  [
    "... only the declared purpose's consent counts",
    {
      as: "PRIVACY_OFFICER",
      purpose: "MARKETING",
      category: EMAIL,
      consents: { MARKETING: "GIVEN", REMARKETING: "WITHDRAWN" },
    },
    "ALLOW",
  ],
  [
    "PURPOSE_NOT_PERMITTED beats CONSENT_WITHDRAWN",
    {
      as: "PRIVACY_OFFICER",
      purpose: "MARKETING",
      category: "user.contact.country",
      consents: ALL_WITHDRAWN,
    },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "ROLE beats CONSENT_WITHDRAWN",
    { as: "SUPPORT_AGENT", purpose: "MARKETING", category: EMAIL, consents: ALL_WITHDRAWN },
    "ROLE",
  ],

  // 4d. Staff under LEGAL_OBLIGATION need a legal request naming the subject and category.
  [
    "privacy officer discloses an email without a legal request",
    { as: "PRIVACY_OFFICER", purpose: "LEGAL_OBLIGATION", category: EMAIL },
    "LEGAL_REQUEST_REQUIRED",
  ],
  [
    "... with a legal request in scope",
    { as: "PRIVACY_OFFICER", purpose: "LEGAL_OBLIGATION", category: EMAIL, legal: "inScope" },
    "ALLOW",
  ],
  [
    "... with a legal request for another subject",
    { as: "PRIVACY_OFFICER", purpose: "LEGAL_OBLIGATION", category: EMAIL, legal: "otherSubject" },
    "LEGAL_REQUEST_REQUIRED",
  ],
  [
    "... with a legal request for another category",
    { as: "PRIVACY_OFFICER", purpose: "LEGAL_OBLIGATION", category: EMAIL, legal: "otherCategory" },
    "LEGAL_REQUEST_REQUIRED",
  ],
  [
    "a legal disclosure is not blocked by withdrawn consents",
    {
      as: "PRIVACY_OFFICER",
      purpose: "LEGAL_OBLIGATION",
      category: NAV,
      legal: "inScope",
      consents: ALL_WITHDRAWN,
    },
    "ALLOW",
  ],
  [
    "BREACH_RESPONSE (legal-obligation basis) needs no legal request",
    { as: "PRIVACY_OFFICER", purpose: "BREACH_RESPONSE", category: "user.contact.country" },
    "ALLOW",
  ],

  // Handling a privacy request: the queue's who-asked and what-they-wrote, for privacy officers
  // only, with no legal request (the customer's own request is the obligation) and no consent.
  [
    "privacy officer reads who asked under PRIVACY_REQUEST_HANDLING",
    { as: "PRIVACY_OFFICER", purpose: "PRIVACY_REQUEST_HANDLING", category: NAME },
    "ALLOW",
  ],
  [
    "... their email, with every consent withdrawn",
    {
      as: "PRIVACY_OFFICER",
      purpose: "PRIVACY_REQUEST_HANDLING",
      category: EMAIL,
      consents: ALL_WITHDRAWN,
    },
    "ALLOW",
  ],
  [
    "... what they wrote",
    { as: "PRIVACY_OFFICER", purpose: "PRIVACY_REQUEST_HANDLING", category: MESSAGE },
    "ALLOW",
  ],
  [
    "... but not their browsing (fulfilment does not need it)",
    { as: "PRIVACY_OFFICER", purpose: "PRIVACY_REQUEST_HANDLING", category: NAV },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "... nor their card",
    {
      as: "PRIVACY_OFFICER",
      purpose: "PRIVACY_REQUEST_HANDLING",
      category: "user.financial.card.last4",
    },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "support agent declaring PRIVACY_REQUEST_HANDLING",
    { as: "SUPPORT_AGENT", purpose: "PRIVACY_REQUEST_HANDLING", category: NAME },
    "ROLE",
  ],
  [
    "administrator declaring PRIVACY_REQUEST_HANDLING",
    { as: "ADMINISTRATOR", purpose: "PRIVACY_REQUEST_HANDLING", category: EMAIL },
    "ROLE",
  ],

  // 4e. Staff and customer-held data: break glass.
  [
    "security officer reads customer-held data without a grant",
    { as: "SECURITY_OFFICER", purpose: "MALFUNCTION_INVESTIGATION", category: HELD },
    "BREAK_GLASS_REQUIRED",
  ],
  [
    "... with an active malfunction grant",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["malfunction"],
    },
    "ALLOW",
  ],
  [
    "... with an active grant citing a legal request (wrong reason)",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["legalRequest"],
    },
    "BREAK_GLASS_REQUIRED",
  ],
  [
    "... with an expired grant",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["expired"],
    },
    "BREAK_GLASS_REQUIRED",
  ],
  [
    "... with a grant not yet started",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["notStarted"],
    },
    "BREAK_GLASS_REQUIRED",
  ],
  [
    "... with a grant to another staff member",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["otherStaff"],
    },
    "BREAK_GLASS_REQUIRED",
  ],
  [
    "... with a grant for another subject",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["otherSubject"],
    },
    "BREAK_GLASS_REQUIRED",
  ],
  [
    "... with a revoked grant",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["revoked"],
    },
    "BREAK_GLASS_REQUIRED",
  ],
  [
    "... with a grant revoked exactly now",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["revokedAtNow"],
    },
    "BREAK_GLASS_REQUIRED",
  ],
  [
    "... with a grant whose revocation is still in the future",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["revokedLater"],
    },
    "ALLOW",
  ],
  [
    "... one matching grant among non-matching ones is enough",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["expired", "otherStaff", "malfunction", "legalRequest"],
    },
    "ALLOW",
  ],
  [
    "... exactly at the grant's start",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["malfunction"],
      now: hours(-1),
    },
    "ALLOW",
  ],
  [
    "... exactly at the grant's expiry (exclusive)",
    {
      as: "SECURITY_OFFICER",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      grants: ["malfunction"],
      now: hours(1),
    },
    "BREAK_GLASS_REQUIRED",
  ],
  [
    "privacy officer discloses customer-held data: legal request and legal-request grant",
    {
      as: "PRIVACY_OFFICER",
      purpose: "LEGAL_OBLIGATION",
      category: HELD,
      legal: "inScope",
      grants: ["legalRequest"],
    },
    "ALLOW",
  ],
  [
    "... legal request but no grant",
    { as: "PRIVACY_OFFICER", purpose: "LEGAL_OBLIGATION", category: HELD, legal: "inScope" },
    "BREAK_GLASS_REQUIRED",
  ],
  [
    "... legal request but a malfunction grant (wrong reason)",
    {
      as: "PRIVACY_OFFICER",
      purpose: "LEGAL_OBLIGATION",
      category: HELD,
      legal: "inScope",
      grants: ["malfunction"],
    },
    "BREAK_GLASS_REQUIRED",
  ],
  [
    "... grant but no legal request (LEGAL_REQUEST_REQUIRED comes first)",
    {
      as: "PRIVACY_OFFICER",
      purpose: "LEGAL_OBLIGATION",
      category: HELD,
      grants: ["legalRequest"],
    },
    "LEGAL_REQUEST_REQUIRED",
  ],
  [
    "... an expired legal-request grant",
    {
      as: "PRIVACY_OFFICER",
      purpose: "LEGAL_OBLIGATION",
      category: HELD,
      legal: "inScope",
      grants: ["expired"],
    },
    "BREAK_GLASS_REQUIRED",
  ],

  // 5a/b. Partners: an agreement in force, before anything else.
  [
    "email partner without an agreement",
    { as: "emailPartner", purpose: "MARKETING", category: EMAIL, agreement: "none" },
    "NO_AGREEMENT",
  ],
  [
    "email partner presenting another processor's agreement",
    { as: "emailPartner", purpose: "MARKETING", category: EMAIL, agreement: "otherProcessor" },
    "NO_AGREEMENT",
  ],
  [
    "email partner before its agreement starts",
    { as: "emailPartner", purpose: "MARKETING", category: EMAIL, agreement: "notYetValid" },
    "NO_AGREEMENT",
  ],
  [
    "email partner after its agreement lapsed",
    { as: "emailPartner", purpose: "MARKETING", category: EMAIL, agreement: "expired" },
    "AGREEMENT_EXPIRED",
  ],
  [
    "AGREEMENT_EXPIRED beats a missing purpose",
    { as: "emailPartner", category: EMAIL, agreement: "expired" },
    "AGREEMENT_EXPIRED",
  ],
  [
    "NO_AGREEMENT beats a missing purpose",
    { as: "emailPartner", category: EMAIL, agreement: "none" },
    "NO_AGREEMENT",
  ],
  [
    "AGREEMENT_EXPIRED beats PURPOSE_NOT_PERMITTED and CONSENT_WITHDRAWN",
    {
      as: "emailPartner",
      purpose: "SUPPORT",
      category: HELD,
      agreement: "expired",
      consents: ALL_WITHDRAWN,
    },
    "AGREEMENT_EXPIRED",
  ],
  [
    "exactly at validFrom the agreement applies",
    { as: "emailPartner", purpose: "MARKETING", category: EMAIL, now: at("2026-01-01T00:00:00Z") },
    "ALLOW",
  ],
  [
    "exactly at validUntil the agreement has lapsed",
    { as: "emailPartner", purpose: "MARKETING", category: EMAIL, now: at("2027-01-01T00:00:00Z") },
    "AGREEMENT_EXPIRED",
  ],

  // 5c/d. Partners: purpose and category within the agreement and the purpose.
  [
    "email partner with an active agreement but no purpose",
    { as: "emailPartner", category: EMAIL },
    "PURPOSE_REQUIRED",
  ],
  [
    "email partner reads an email for MARKETING",
    { as: "emailPartner", purpose: "MARKETING", category: EMAIL },
    "ALLOW",
  ],
  [
    "email partner reads a name for MARKETING",
    { as: "emailPartner", purpose: "MARKETING", category: NAME },
    "ALLOW",
  ],
  [
    "email partner reads the country (outside agreement and purpose)",
    { as: "emailPartner", purpose: "MARKETING", category: "user.contact.country" },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "email partner declares SUPPORT (outside its agreement)",
    { as: "emailPartner", purpose: "SUPPORT", category: EMAIL },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "email partner: SERVICE_ANNOUNCEMENTS is contract-based, withdrawn consents do not matter",
    {
      as: "emailPartner",
      purpose: "SERVICE_ANNOUNCEMENTS",
      category: EMAIL,
      consents: ALL_WITHDRAWN,
    },
    "ALLOW",
  ],
  [
    "ads partner reads a cookie ID for REMARKETING",
    { as: "adsPartner", purpose: "REMARKETING", category: COOKIE },
    "ALLOW",
  ],
  [
    "ads partner reads navigation for REMARKETING",
    { as: "adsPartner", purpose: "REMARKETING", category: NAV },
    "ALLOW",
  ],
  [
    "ads partner reads a name for REMARKETING",
    { as: "adsPartner", purpose: "REMARKETING", category: NAME },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "ads partner reads the IP address for REMARKETING",
    { as: "adsPartner", purpose: "REMARKETING", category: "user.device.ip_address" },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "ads partner with a careless all-category agreement still cannot read an email",
    { as: "adsPartner", purpose: "REMARKETING", category: EMAIL, agreement: "everything" },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "storage partner reads an email for CROSS_BORDER_CONSOLIDATION",
    { as: "storagePartner", purpose: "CROSS_BORDER_CONSOLIDATION", category: EMAIL },
    "ALLOW",
  ],
  [
    "storage partner: legitimate interest, withdrawn consents do not matter",
    {
      as: "storagePartner",
      purpose: "CROSS_BORDER_CONSOLIDATION",
      category: NAV,
      consents: ALL_WITHDRAWN,
    },
    "ALLOW",
  ],
  [
    "storage partner whose agreement lists customer-held data",
    { as: "storagePartner", purpose: "CROSS_BORDER_CONSOLIDATION", category: HELD },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "storage partner reads the browser (purpose allows, agreement does not)",
    {
      as: "storagePartner",
      purpose: "CROSS_BORDER_CONSOLIDATION",
      category: "user.device.browser",
    },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "payment partner reads the card token for PAYMENT",
    { as: "paymentPartner", purpose: "PAYMENT", category: "user.financial.card.token" },
    "ALLOW",
  ],
  [
    "payment partner reads the country (purpose allows, agreement does not)",
    { as: "paymentPartner", purpose: "PAYMENT", category: "user.contact.country" },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "partner with an all-purpose agreement reads customer-held data under MALFUNCTION_INVESTIGATION with a grant",
    {
      as: "storagePartner",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: HELD,
      agreement: "everything",
      grants: ["malfunction"],
    },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "partner with an all-purpose agreement under LEGAL_OBLIGATION with a legal request",
    {
      as: "storagePartner",
      purpose: "LEGAL_OBLIGATION",
      category: EMAIL,
      agreement: "everything",
      legal: "inScope",
    },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "partner with an all-purpose agreement reads an email for MALFUNCTION_INVESTIGATION",
    {
      as: "storagePartner",
      purpose: "MALFUNCTION_INVESTIGATION",
      category: EMAIL,
      agreement: "everything",
    },
    "ALLOW",
  ],

  // 5e. Partners under a consent-based purpose.
  [
    "email partner: MARKETING consent WITHDRAWN",
    {
      as: "emailPartner",
      purpose: "MARKETING",
      category: EMAIL,
      consents: { MARKETING: "WITHDRAWN" },
    },
    "CONSENT_WITHDRAWN",
  ],
  [
    "email partner: MARKETING consent never asked",
    { as: "emailPartner", purpose: "MARKETING", category: EMAIL, consents: {} },
    "CONSENT_WITHDRAWN",
  ],
  [
    "email partner: MARKETING consent EXPIRED",
    {
      as: "emailPartner",
      purpose: "MARKETING",
      category: NAME,
      consents: { MARKETING: "EXPIRED" },
    },
    "CONSENT_WITHDRAWN",
  ],
  [
    "ads partner: REMARKETING consent REFUSED",
    {
      as: "adsPartner",
      purpose: "REMARKETING",
      category: NAV,
      consents: { REMARKETING: "REFUSED" },
    },
    "CONSENT_WITHDRAWN",
  ],
  [
    "ads partner: PURPOSE_NOT_PERMITTED beats CONSENT_WITHDRAWN",
    { as: "adsPartner", purpose: "REMARKETING", category: NAME, consents: ALL_WITHDRAWN },
    "PURPOSE_NOT_PERMITTED",
  ],
  [
    "partner with an all-purpose agreement: PERSONALISATION needs its own consent",
    {
      as: "storagePartner",
      purpose: "PERSONALISATION",
      category: NAME,
      agreement: "everything",
      consents: { PERSONALISATION: "WITHDRAWN", MARKETING: "GIVEN" },
    },
    "CONSENT_WITHDRAWN",
  ],
];

describe("decide() matrix", () => {
  it.each(MATRIX)("%s", (_description, c, expected) => {
    expect(outcome(inputFor(c))).toBe(expected);
  });

  it("the matrix exercises every deny reason and allow", () => {
    const seen = new Set(MATRIX.map(([, , expected]) => expected));
    expect([...seen].sort()).toEqual(["ALLOW", ...DENY_REASONS].sort());
  });
});

// ── Clause-tagged tests ──────────────────────────────────────────────────────────────────

describe("decide() and the policy clauses", () => {
  const held = (grants: readonly GrantState[], now = NOW): Expected =>
    outcome(
      inputFor({
        as: "SECURITY_OFFICER",
        purpose: "MALFUNCTION_INVESTIGATION",
        category: HELD,
        grants,
        now,
      }),
    );

  it("[P-12] staff read of customer-held records needs an active break-glass grant", () => {
    expect(held([])).toBe("BREAK_GLASS_REQUIRED");
    expect(held(["malfunction"])).toBe("ALLOW");
    // The same grant, two hours later, has expired.
    expect(held(["malfunction"], hours(2))).toBe("BREAK_GLASS_REQUIRED");
    expect(held(["revoked"])).toBe("BREAK_GLASS_REQUIRED");
  });

  it("[P-12] no staff role reads customer-held records by default, under any purpose", () => {
    for (const role of STAFF_ROLES) {
      for (const purpose of [null, ...PURPOSES]) {
        const input = { ...inputFor({ as: role, category: HELD, legal: "inScope" }), purpose };
        expect(decide(input).allow, `${role} / ${purpose}`).toBe(false);
      }
    }
  });

  it("[P-09] a partner without an agreement gets every personal field redacted", () => {
    for (const category of ALL_CATEGORIES) {
      for (const purpose of [null, ...PURPOSES]) {
        const input = {
          ...inputFor({ as: "storagePartner", category, agreement: "none" }),
          purpose,
        };
        const expected = category === PASSWORD ? "NEVER_READABLE" : "NO_AGREEMENT";
        expect(outcome(input), `${category} / ${purpose}`).toBe(expected);
      }
    }
  });

  it("[P-10] an expired agreement is denied and renewal restores access", () => {
    const read = (agreement: Agreement): Expected =>
      outcome({
        ...inputFor({ as: "emailPartner", purpose: "MARKETING", category: EMAIL }),
        agreement,
      });
    const terms = {
      processorId: "proc-email",
      purposes: ["MARKETING"],
      categories: [EMAIL],
    } as const;
    const lapsed = {
      ...terms,
      validFrom: at("2025-06-01T00:00:00Z"),
      validUntil: at("2026-06-01T00:00:00Z"),
    };
    const renewed = {
      ...terms,
      validFrom: at("2026-06-01T00:00:00Z"),
      validUntil: at("2027-06-01T00:00:00Z"),
    };
    expect(read(lapsed)).toBe("AGREEMENT_EXPIRED");
    expect(read(renewed)).toBe("ALLOW");
  });

  it("[P-06] a staff or partner read under a purpose that does not allow the field is denied", () => {
    const rows: ReadonlyArray<readonly [Who, Purpose, DataCategory]> = [
      ["SUPPORT_AGENT", "SUPPORT", "user.financial.card.token"],
      ["SUPPORT_AGENT", "SUPPORT", NAV],
      ["PRIVACY_OFFICER", "MARKETING", "user.contact.country"],
      ["PRIVACY_OFFICER", "SERVICE_ANNOUNCEMENTS", "user.device.ip_address"],
      ["PRIVACY_OFFICER", "BREACH_RESPONSE", "user.financial.card.last4"],
      ["SECURITY_OFFICER", "MALFUNCTION_INVESTIGATION", NAME],
      ["ADMINISTRATOR", "SERVICE_ANNOUNCEMENTS", COOKIE],
      ["adsPartner", "REMARKETING", EMAIL],
      ["storagePartner", "SIGN_IN", NAME],
      ["storagePartner", "SERVICE_IMPROVEMENT", "user.device.ip_address"],
      ["storagePartner", "PERSONALISATION", EMAIL],
      ["storagePartner", "PAYMENT", NAV],
    ];
    for (const [as, purpose, category] of rows) {
      // Partners get a careless all-purpose, all-category agreement: only the purpose stops them.
      expect(
        outcome(inputFor({ as, purpose, category, agreement: "everything" })),
        `${as} ${purpose} ${category}`,
      ).toBe("PURPOSE_NOT_PERMITTED");
    }
  });

  it("[P-05] the advertising partner under REMARKETING never reads name, email or card", () => {
    for (const agreement of ["active", "everything"] as const) {
      for (const category of CONTACT_AND_CARD) {
        const input = inputFor({ as: "adsPartner", purpose: "REMARKETING", category, agreement });
        expect(outcome(input), `${agreement} ${category}`).toBe("PURPOSE_NOT_PERMITTED");
      }
    }
    // With consent it reads the pseudonymous cookie ID and the events; after withdrawal, nothing.
    for (const category of [COOKIE, NAV]) {
      expect(outcome(inputFor({ as: "adsPartner", purpose: "REMARKETING", category }))).toBe(
        "ALLOW",
      );
      const withdrawn = inputFor({
        as: "adsPartner",
        purpose: "REMARKETING",
        category,
        consents: { REMARKETING: "WITHDRAWN" },
      });
      expect(outcome(withdrawn)).toBe("CONSENT_WITHDRAWN");
    }
  });

  it("[P-11] a legal-obligation read needs a recorded legal request that names the subject and category", () => {
    const disclose = (legal: LegalState): Expected =>
      outcome(
        inputFor({ as: "PRIVACY_OFFICER", purpose: "LEGAL_OBLIGATION", category: EMAIL, legal }),
      );
    expect(disclose("none")).toBe("LEGAL_REQUEST_REQUIRED");
    expect(disclose("otherSubject")).toBe("LEGAL_REQUEST_REQUIRED");
    expect(disclose("otherCategory")).toBe("LEGAL_REQUEST_REQUIRED");
    expect(disclose("inScope")).toBe("ALLOW");
  });
});

// ── Exhaustive invariants ────────────────────────────────────────────────────────────────

const EVERYONE: readonly Who[] = [
  "anonymous",
  "customer",
  "otherCustomer",
  ...STAFF_ROLES,
  "emailPartner",
  "adsPartner",
  "storagePartner",
  "paymentPartner",
];
const AGREEMENT_STATES: readonly AgreementState[] = [
  "none",
  "active",
  "expired",
  "notYetValid",
  "otherProcessor",
  "everything",
];
const GRANT_SETS: ReadonlyArray<readonly GrantState[]> = [
  [],
  ["malfunction"],
  ["legalRequest"],
  ["malfunction", "legalRequest"],
  ["expired", "otherStaff", "otherSubject", "revoked"],
];
const LEGAL_STATES: readonly LegalState[] = ["none", "inScope"];

/** Uniform snapshots, one missing state, and "all but one" mixes in both directions. */
const SNAPSHOTS: readonly ConsentSnapshot[] = [
  ...CONSENT_STATES.map(consentsAll),
  {},
  ...CONSENT_BASED.flatMap((p) => [
    { ...ALL_GIVEN, [p]: "WITHDRAWN" },
    { ...ALL_WITHDRAWN, [p]: "GIVEN" },
  ]),
];

function* everyInput(who: readonly Who[] = EVERYONE): Generator<[Case, DecisionInput]> {
  for (const as of who) {
    const agreements = as in PROCESSOR ? AGREEMENT_STATES : (["none"] as const);
    for (const agreement of agreements)
      for (const grants of GRANT_SETS) {
        // Build the principal, agreement and grants once; only cheap fields vary below.
        const base = inputFor({ as, agreement, grants, category: HELD });
        for (const purpose of [undefined, ...PURPOSES])
          for (const category of ALL_CATEGORIES)
            for (const legal of LEGAL_STATES) {
              const legalRequest = legalRequestFor(legal, category);
              for (const consents of SNAPSHOTS) {
                const c: Case = {
                  as,
                  agreement,
                  grants,
                  category,
                  consents,
                  legal,
                  ...(purpose && { purpose }),
                };
                yield [c, { ...base, purpose: purpose ?? null, category, legalRequest, consents }];
              }
            }
      }
  }
}
const label = (c: Case) =>
  `${c.as} ${c.purpose ?? "-"} ${c.category} agreement=${c.agreement} grants=${c.grants?.join("+")} legal=${c.legal} consents=${JSON.stringify(c.consents)}`;

/**
 * The combinations (at most 5, labelled) for which `holds` is false. Collecting instead of
 * calling expect() per combination keeps ~700 000 checks fast and the failure readable.
 */
function violations(
  who: readonly Who[],
  holds: (c: Case, outcome: Expected, input: DecisionInput) => boolean,
): string[] {
  const found: string[] = [];
  for (const [c, input] of everyInput(who)) {
    if (!holds(c, outcome(input), input)) found.push(label(c));
    if (found.length >= 5) break;
  }
  return found;
}

const PARTNERS: readonly Who[] = ["emailPartner", "adsPartner", "storagePartner", "paymentPartner"];

// Exhaustive walks of ~700k combinations: seconds of CPU, more when turbo runs every package's
// tests at once on two cores. The limit only stops a hung run; it measures nothing.
const EXHAUSTIVE = { timeout: 180_000 };

describe("decide() invariants over every combination", EXHAUSTIVE, () => {
  it("credentials are denied for every principal and purpose", () => {
    const holds = (c: Case, o: Expected) => c.category !== PASSWORD || o === "NEVER_READABLE";
    expect(violations(EVERYONE, holds)).toEqual([]);
  });

  it("anonymous visitors are always denied", () => {
    expect(violations(["anonymous"], (_c, o) => o !== "ALLOW")).toEqual([]);
  });

  it("an auditor is denied every category under every purpose", () => {
    expect(violations(["AUDITOR"], (_c, o) => o !== "ALLOW")).toEqual([]);
  });

  it("a customer always sees their own non-credential data, and never anyone else's", () => {
    const holds = (c: Case, o: Expected) =>
      o ===
      (c.category === PASSWORD ? "NEVER_READABLE" : c.as === "customer" ? "ALLOW" : "NOT_OWNER");
    expect(violations(["customer", "otherCustomer"], holds)).toEqual([]);
  });

  it("no partner ever reads data customers hold about other individuals", () => {
    expect(violations(PARTNERS, (c, o) => c.category !== HELD || o !== "ALLOW")).toEqual([]);
  });

  it("every allow under a consent-based purpose has that purpose's consent GIVEN", () => {
    let allows = 0;
    const holds = (c: Case, o: Expected, input: DecisionInput) => {
      if (c.as === "customer" || !c.purpose || !CONSENT_BASED.includes(c.purpose)) return true;
      if (o !== "ALLOW") return true;
      allows++;
      return input.consents[c.purpose as ConsentPurpose] === "GIVEN";
    };
    expect(violations(EVERYONE, holds)).toEqual([]);
    expect(allows).toBeGreaterThan(0); // the invariant is not vacuous
  });

  it("every staff or partner allow has a purpose; every partner allow an agreement in force", () => {
    const holds = (c: Case, o: Expected, input: DecisionInput) =>
      c.as === "customer" ||
      o !== "ALLOW" ||
      (c.purpose !== undefined &&
        (input.principal.kind !== "partner" ||
          c.agreement === "active" ||
          c.agreement === "everything"));
    expect(violations(EVERYONE, holds)).toEqual([]);
  });

  it("staff read customer-held data only with a grant whose reason matches the purpose", () => {
    const holds = (c: Case, o: Expected) => {
      if (c.category !== HELD || o !== "ALLOW") return true;
      if (c.purpose === "MALFUNCTION_INVESTIGATION")
        return c.grants?.includes("malfunction") === true;
      if (c.purpose === "LEGAL_OBLIGATION")
        return c.grants?.includes("legalRequest") === true && c.legal === "inScope";
      return false;
    };
    expect(violations(STAFF_ROLES, holds)).toEqual([]);
  });

  it("a legal-obligation purpose under a legal request is never blocked by consent", () => {
    const holds = (c: Case, o: Expected) =>
      c.purpose !== "LEGAL_OBLIGATION" || c.legal !== "inScope" || o !== "CONSENT_WITHDRAWN";
    expect(violations(EVERYONE, holds)).toEqual([]);
  });
});

describe("decisionDependsOnSubject", EXHAUSTIVE, () => {
  it("when it says no, decide() answers alike for any other subject with any consents", () => {
    const found: string[] = [];
    let independent = 0;
    // Customers and staff always depend on the subject; the rest is checked exhaustively.
    for (const [c, input] of everyInput(["anonymous", ...PARTNERS])) {
      if (decisionDependsOnSubject(input.principal, input.purpose)) continue;
      independent++;
      const expected = decide(input);
      for (const consents of SNAPSHOTS) {
        const other = decide({ ...input, subjectId: "someone-else", consents });
        if (
          other.allow !== expected.allow ||
          (!other.allow && !expected.allow && other.reason !== expected.reason)
        )
          found.push(label(c));
      }
      if (found.length >= 5) break;
    }
    expect(found).toEqual([]);
    // Partners under non-consent purposes and anonymous visitors: a large share of the space.
    expect(independent).toBeGreaterThan(10_000);
  });

  it("says yes for customers, staff and consent-based partner purposes", () => {
    expect(decisionDependsOnSubject({ kind: "customer", subjectId: "a" }, null)).toBe(true);
    expect(
      decisionDependsOnSubject({ kind: "staff", staffId: "s", role: "SUPPORT_AGENT" }, "SUPPORT"),
    ).toBe(true);
    const partner = { kind: "partner", processorId: "p" } as const;
    expect(decisionDependsOnSubject(partner, "MARKETING")).toBe(true);
    expect(decisionDependsOnSubject(partner, "CROSS_BORDER_CONSOLIDATION")).toBe(false);
    expect(decisionDependsOnSubject(partner, null)).toBe(false);
  });
});

describe("explainDenyReason", () => {
  it("gives a distinct sentence for every reason", () => {
    const sentences = DENY_REASONS.map(explainDenyReason);
    for (const sentence of sentences) expect(sentence).toMatch(/^[A-Z].+\.$/);
    expect(new Set(sentences).size).toBe(DENY_REASONS.length);
  });
});
