/**
 * Who may call each API operation, and which console areas each staff role sees: one table,
 * read by the API's auth checker (apps/api/src/guards) and by the console's navigation, so a
 * role cannot be allowed in one place and refused in another.
 *
 * Every root field of the API's schema (Query and Mutation, by name) has an entry; a test in
 * the API fails when one is missing or when the table names a field the schema does not have.
 * Staff entries are enforced here, by role. The other kinds say who else calls an operation;
 * customers', partners' and visitors' own checks stay with the operation (they need the
 * caller's id, not a role).
 */
import { STAFF_ROLES, type StaffRole } from "./principals.js";

/** Who may call an operation. */
export type Access =
  /** Staff members with one of these roles. */
  | { readonly staff: readonly StaffRole[] }
  /** A signed-in customer, about their own account. */
  | "customer"
  /** A processor's integration, with its API key. */
  | "partner"
  /** The public site's own forms: a visitor or a customer, not staff or partners. */
  | "visitor-or-customer"
  /** Anyone at all, signed in or not (public pages, sign-in, the viewer). */
  | "anyone";

// The teams, each named once. Their order is the order a refusal lists them in.

/** Every staff role: reading customers under a declared purpose is open to all of them. */
const ANY_STAFF: readonly StaffRole[] = STAFF_ROLES;

/**
 * Privacy requests, legal requests (writing and disclosing), agreements and the policy: the
 * privacy officer only. Privacy officers are the only role that may declare LEGAL_OBLIGATION
 * (ROLE_PURPOSES in principals.ts); an administrator runs the system, not the data; a support
 * agent has no business knowing who asked for erasure; an unpublished policy draft is the
 * company's internal work.
 */
const PRIVACY_OFFICER: readonly StaffRole[] = ["PRIVACY_OFFICER"];

/**
 * Breach incidents (P-17): security officers find and contain them, privacy officers notify.
 * Nobody else records or reads them: the register names who was affected.
 */
const BREACH_TEAM: readonly StaffRole[] = ["SECURITY_OFFICER", "PRIVACY_OFFICER"];

/**
 * The audit trail and the staff action log as a whole: auditors (their role), privacy officers
 * (oversight of every use of personal data) and security officers (investigating misuse). Not
 * support agents or administrators: the trail shows every staff member's and partner's reads.
 */
const AUDIT_READERS: readonly StaffRole[] = ["AUDITOR", "PRIVACY_OFFICER", "SECURITY_OFFICER"];

/** The legal-request register (P-11): privacy officers, and auditors checking disclosures. */
const LEGAL_REQUEST_READERS: readonly StaffRole[] = ["PRIVACY_OFFICER", "AUDITOR"];

/** The outbox and marketing campaigns. */
const OUTBOX_RUNNERS: readonly StaffRole[] = ["PRIVACY_OFFICER", "ADMINISTRATOR"];

/** The processor registry and partners' API keys. */
const KEY_MANAGERS: readonly StaffRole[] = ["ADMINISTRATOR", "PRIVACY_OFFICER"];

/** Who registers, disables and replays processors' webhook endpoints (issue 15). */
const WEBHOOK_ADMINISTRATORS: readonly StaffRole[] = ["ADMINISTRATOR"];

/** Break-glass grants (P-12) are approved and revoked by a second person of these roles. */
const BREAK_GLASS_APPROVERS: readonly StaffRole[] = ["SECURITY_OFFICER", "PRIVACY_OFFICER"];

/** Listing grants: those who grant and revoke them, and auditors. */
const BREAK_GLASS_READERS: readonly StaffRole[] = [...BREAK_GLASS_APPROVERS, "AUDITOR"];

/**
 * Choosing a staff member by name: break-glass approvers naming who may read, and audit readers
 * narrowing the trail or the staff action log to one person. Staff names are not customer data.
 */
const STAFF_PICKERS: readonly StaffRole[] = [
  ...new Set([...BREAK_GLASS_APPROVERS, ...AUDIT_READERS]),
];

/** Choosing a processor by name: those who manage them, and audit readers narrowing to one. */
const PROCESSOR_PICKERS: readonly StaffRole[] = [...new Set([...KEY_MANAGERS, ...AUDIT_READERS])];

/**
 * Choosing a legal request by its authority or reference: those who read the register, and
 * break-glass approvers citing one for a grant.
 */
const LEGAL_REQUEST_PICKERS: readonly StaffRole[] = [
  ...new Set([...LEGAL_REQUEST_READERS, ...BREAK_GLASS_APPROVERS]),
];

/** The programme's overview: everyone who runs it; support agents work cases, not the programme. */
const PROGRAMME_RUNNERS: readonly StaffRole[] = [
  "PRIVACY_OFFICER",
  "SECURITY_OFFICER",
  "AUDITOR",
  "ADMINISTRATOR",
];

/**
 * The support queue. Not administrators: no purpose an administrator may declare could read a
 * request's contents anyway.
 */
const SUPPORT_QUEUE: readonly StaffRole[] = ["SUPPORT_AGENT", "PRIVACY_OFFICER"];

/** Staff accounts: administrators only (they run the system, and sign in with a second factor). */
const ACCOUNT_ADMINISTRATORS: readonly StaffRole[] = ["ADMINISTRATOR"];

/** Every root field of the API (Query and Mutation), by name, and who may call it. */
export const OPERATIONS = {
  // Accounts and who is asking.
  me: "anyone", // the signed-in customer, or null for anyone else
  viewer: "anyone",
  register: "anyone",
  signIn: "anyone",
  staffSignIn: "anyone",
  beginStaffTotpEnrolment: "anyone", // proves the password first
  requestStaffPasswordReset: "anyone", // never says whether the address has an account
  setStaffPassword: "anyone", // with an emailed one-time link's token
  signOut: "anyone",
  requestPasswordReset: "anyone", // never says whether the address has an account
  resetPassword: "anyone", // with an emailed one-time link's token
  confirmEmail: "anyone", // with an emailed one-time link's token

  // The public site: the policy, the data map, cookies, signals, forms.
  policy: "anyone",
  policyVersion: "anyone",
  policyVersions: "anyone",
  dataMap: "anyone",
  cookieConsents: "anyone",
  privacySignals: "anyone",
  recordPageView: "anyone", // records only under advertising consent
  subscribeNewsletter: "anyone", // sends a confirmation link; nothing is recorded until followed
  confirmNewsletterSubscription: "anyone", // with the emailed one-time link's token
  contactAddress: "anyone",
  setCookieConsents: "visitor-or-customer",
  submitSupportRequest: "visitor-or-customer",

  // The customer's own data.
  myConsents: "customer",
  consentHistory: "customer",
  consentReceipt: "customer", // a receipt of one of their own consent events
  setConsent: "customer",
  myDataExport: "customer",
  setPaymentMethod: "customer",
  submitPrivacyRequest: "customer",
  mySupportRequests: "customer",
  resendEmailVerification: "customer",
  changePassword: "customer", // the current password is required
  requestEmailChange: "customer", // the current password is required
  signOutOtherSessions: "customer",

  // Partners.
  partnerSubjects: "partner",
  consentCheck: "partner",

  // Staff: customers, support, break-glass.
  customer: { staff: ANY_STAFF },
  customerConsentReceipt: { staff: ANY_STAFF }, // under a purpose their role may declare; audited
  customers: { staff: ANY_STAFF },
  searchCustomers: { staff: ANY_STAFF }, // under the declared purpose, like any read of them
  searchStaff: { staff: STAFF_PICKERS },
  searchProcessors: { staff: PROCESSOR_PICKERS },
  searchLegalRequests: { staff: LEGAL_REQUEST_PICKERS },
  supportRequests: { staff: SUPPORT_QUEUE },
  supportRequest: { staff: SUPPORT_QUEUE },
  supportAssignees: { staff: SUPPORT_QUEUE },
  replyToSupportRequest: { staff: SUPPORT_QUEUE },
  assignSupportRequest: { staff: SUPPORT_QUEUE },
  closeSupportRequest: { staff: SUPPORT_QUEUE },
  reopenSupportRequest: { staff: SUPPORT_QUEUE },
  breakGlassGrants: { staff: BREAK_GLASS_READERS },
  grantBreakGlass: { staff: BREAK_GLASS_APPROVERS },
  revokeBreakGlass: { staff: BREAK_GLASS_APPROVERS },

  // Staff: privacy requests.
  privacyRequestQueue: { staff: PRIVACY_OFFICER },
  verifyPrivacyRequest: { staff: PRIVACY_OFFICER },
  startPrivacyRequest: { staff: PRIVACY_OFFICER },
  extendPrivacyRequest: { staff: PRIVACY_OFFICER },
  rejectPrivacyRequest: { staff: PRIVACY_OFFICER },
  fulfilPrivacyRequest: { staff: PRIVACY_OFFICER },
  erasurePreview: { staff: PRIVACY_OFFICER },

  // Staff: processors and partners' keys.
  processors: { staff: KEY_MANAGERS },
  // The data map itself is public (dataMap); the Fides file is the administrators' tool.
  dataMapFidesExport: { staff: KEY_MANAGERS },
  issuePartnerApiKey: { staff: KEY_MANAGERS },
  revokePartnerApiKey: { staff: KEY_MANAGERS },
  rotatePartnerApiKey: { staff: KEY_MANAGERS },
  recordProcessorAgreement: { staff: PRIVACY_OFFICER },
  terminateProcessorAgreement: { staff: PRIVACY_OFFICER },

  // Staff: webhooks to processors. Administrators set endpoints up and replay; the privacy
  // officer, who sees the processor registry, may read how deliveries went and run the outbox.
  webhookEndpoints: { staff: KEY_MANAGERS },
  webhookDeliveries: { staff: KEY_MANAGERS },
  registerWebhookEndpoint: { staff: WEBHOOK_ADMINISTRATORS },
  disableWebhookEndpoint: { staff: WEBHOOK_ADMINISTRATORS },
  replayWebhookDelivery: { staff: WEBHOOK_ADMINISTRATORS },
  deliverWebhooksNow: { staff: KEY_MANAGERS },

  // Staff: legal requests.
  legalRequests: { staff: LEGAL_REQUEST_READERS },
  legalRequest: { staff: LEGAL_REQUEST_READERS },
  recordLegalRequest: { staff: PRIVACY_OFFICER },
  closeLegalRequest: { staff: PRIVACY_OFFICER },
  legalDisclosure: { staff: PRIVACY_OFFICER },

  // Staff: breaches.
  breachIncidents: { staff: BREACH_TEAM },
  breachIncident: { staff: BREACH_TEAM },
  recordBreachIncident: { staff: BREACH_TEAM },
  draftBreachNotices: { staff: BREACH_TEAM },
  approveBreachNotices: { staff: BREACH_TEAM },
  sendBreachNotices: { staff: BREACH_TEAM },
  closeBreachIncident: { staff: BREACH_TEAM },

  // Staff: the outbox and marketing.
  outboxEmails: { staff: OUTBOX_RUNNERS },
  deliverOutbox: { staff: OUTBOX_RUNNERS },
  campaigns: { staff: OUTBOX_RUNNERS },
  sendCampaign: { staff: OUTBOX_RUNNERS },
  campaignPreview: { staff: OUTBOX_RUNNERS },
  sendCampaignTest: { staff: OUTBOX_RUNNERS },

  // Staff: the audit trail and the staff action log.
  auditEvents: { staff: AUDIT_READERS },
  auditExport: { staff: AUDIT_READERS },
  auditVerification: { staff: AUDIT_READERS },
  chainCheckpointExport: { staff: AUDIT_READERS },
  staffActions: { staff: AUDIT_READERS },

  // Staff: the policy and the overview.
  policyDrafts: { staff: PRIVACY_OFFICER },
  policyDraft: { staff: PRIVACY_OFFICER },
  savePolicyDraft: { staff: PRIVACY_OFFICER },
  discardPolicyDraft: { staff: PRIVACY_OFFICER },
  publishPolicyDraft: { staff: PRIVACY_OFFICER },
  publishPolicyVersion: { staff: PRIVACY_OFFICER },
  policyNoticeRecipients: { staff: PRIVACY_OFFICER },
  privacyOverview: { staff: PROGRAMME_RUNNERS },

  // Staff: accounts (administrators run them; each change is a staff action).
  staffAccounts: { staff: ACCOUNT_ADMINISTRATORS },
  staffAccountPage: { staff: ACCOUNT_ADMINISTRATORS },
  inviteStaffMember: { staff: ACCOUNT_ADMINISTRATORS },
  changeStaffRole: { staff: ACCOUNT_ADMINISTRATORS },
  disableStaffMember: { staff: ACCOUNT_ADMINISTRATORS },
  enableStaffMember: { staff: ACCOUNT_ADMINISTRATORS },
  resetStaffSecondFactor: { staff: ACCOUNT_ADMINISTRATORS },
  resendStaffInvitation: { staff: ACCOUNT_ADMINISTRATORS },
  sendStaffPasswordReset: { staff: ACCOUNT_ADMINISTRATORS },
} as const satisfies Record<string, Access>;

export type Operation = keyof typeof OPERATIONS;

/** The operations staff call: those whose entry lists staff roles. */
export type StaffOperation = {
  [K in Operation]: (typeof OPERATIONS)[K] extends { readonly staff: unknown } ? K : never;
}[Operation];

export function isOperation(name: string): name is Operation {
  return Object.hasOwn(OPERATIONS, name);
}

export function isStaffOperation(name: string): name is StaffOperation {
  return isOperation(name) && typeof OPERATIONS[name] === "object";
}

/** The staff roles an operation allows; null when staff do not call it at all. */
export function staffRolesFor(operation: Operation): readonly StaffRole[] | null {
  const access: Access = OPERATIONS[operation];
  return typeof access === "object" ? access.staff : null;
}

/**
 * The console's areas, each with the operation it opens with: an area is shown to exactly the
 * roles that may call that operation, so no role is shown an area whose first request the API
 * refuses. In the order the navigation lists them.
 */
export const CONSOLE_AREAS = {
  overview: "privacyOverview",
  customers: "customers",
  "privacy-requests": "privacyRequestQueue",
  support: "supportRequests",
  "break-glass": "grantBreakGlass",
  processors: "processors",
  "legal-requests": "legalRequests",
  breaches: "breachIncidents",
  marketing: "campaigns",
  audit: "auditEvents",
  "staff-actions": "staffActions",
  policy: "policyDrafts",
  staff: "staffAccounts",
} as const satisfies Record<string, StaffOperation>;

export type ConsoleArea = keyof typeof CONSOLE_AREAS;

export function areaRoles(area: ConsoleArea): readonly StaffRole[] {
  return OPERATIONS[CONSOLE_AREAS[area]].staff;
}

export function roleMayUseArea(role: StaffRole, area: ConsoleArea): boolean {
  return areaRoles(area).includes(role);
}
