/**
 * The staff action log's vocabulary: every API mutation a signed-in staff member can send (the
 * API's staff-action plugin records each one by its mutation name, refused ones too, so every
 * mutation of the schema is here), with the words the console's log and its "Action" filter
 * show. One list: the API validates the log's action filter against it, the console offers it,
 * and an API test fails when the schema has a mutation this list does not name (or the list
 * names one the schema does not have).
 */

/** Mutation name → what the staff member did, in words. */
export const STAFF_ACTION_LABELS = {
  // Staff accounts and signing in.
  staffSignIn: "Signed in",
  signIn: "Signed in as a customer",
  signOut: "Signed out",
  register: "Registered a customer account",
  resendEmailVerification: "Asked for a customer email verification link",
  confirmEmail: "Followed a customer email link",
  requestPasswordReset: "Asked for a customer password reset",
  resetPassword: "Reset a customer password",
  changePassword: "Changed a customer password",
  requestEmailChange: "Asked to change a customer email address",
  signOutOtherSessions: "Signed a customer out of their other sessions",
  beginStaffTotpEnrolment: "Began setting up an authenticator",
  requestStaffPasswordReset: "Asked for a password reset",
  setStaffPassword: "Set a password",
  inviteStaffMember: "Invited a staff member",
  resendStaffInvitation: "Resent a staff invitation",
  sendStaffPasswordReset: "Sent a staff member a password reset link",
  changeStaffRole: "Changed a staff member's role",
  disableStaffMember: "Disabled a staff account",
  enableStaffMember: "Enabled a staff account",
  resetStaffSecondFactor: "Reset a staff member's authenticator",
  // Support and break-glass.
  replyToSupportRequest: "Replied to a support request",
  assignSupportRequest: "Assigned a support request",
  closeSupportRequest: "Closed a support request",
  reopenSupportRequest: "Reopened a support request",
  grantBreakGlass: "Granted break-glass access",
  revokeBreakGlass: "Revoked break-glass access",
  // Privacy requests.
  verifyPrivacyRequest: "Verified a privacy request",
  startPrivacyRequest: "Started work on a privacy request",
  extendPrivacyRequest: "Extended a privacy request's deadline",
  rejectPrivacyRequest: "Rejected a privacy request",
  fulfilPrivacyRequest: "Fulfilled a privacy request",
  // Processors and partners' keys.
  issuePartnerApiKey: "Issued a partner API key",
  revokePartnerApiKey: "Revoked a partner API key",
  rotatePartnerApiKey: "Rotated a partner API key",
  recordProcessorAgreement: "Recorded a processor agreement",
  terminateProcessorAgreement: "Ended a processor agreement",
  registerWebhookEndpoint: "Registered a webhook endpoint",
  disableWebhookEndpoint: "Disabled a webhook endpoint",
  replayWebhookDelivery: "Replayed a webhook delivery",
  deliverWebhooksNow: "Ran the webhook outbox",
  // Legal requests.
  recordLegalRequest: "Recorded a legal request",
  closeLegalRequest: "Closed a legal request",
  // Breaches.
  recordBreachIncident: "Recorded a breach incident",
  draftBreachNotices: "Drafted breach notices",
  approveBreachNotices: "Approved breach notices",
  sendBreachNotices: "Sent breach notices",
  closeBreachIncident: "Closed a breach incident",
  // The outbox and marketing.
  deliverOutbox: "Delivered the outbox",
  sendCampaign: "Sent a marketing campaign",
  sendCampaignTest: "Sent a campaign test email",
  // The policy.
  savePolicyDraft: "Saved a policy draft",
  discardPolicyDraft: "Discarded a policy draft",
  publishPolicyDraft: "Published a policy draft",
  publishPolicyVersion: "Published a policy version",
  // Customers' own forms, which a staff member's session may also send (and is refused).
  recordPageView: "Recorded a page view",
  subscribeNewsletter: "Subscribed to the newsletter",
  confirmNewsletterSubscription: "Confirmed a newsletter subscription",
  setCookieConsents: "Set cookie choices",
  submitSupportRequest: "Submitted a support request",
  setConsent: "Changed a consent",
  setPaymentMethod: "Set a payment method",
  submitPrivacyRequest: "Submitted a privacy request",
} as const satisfies Record<string, string>;

export type StaffActionName = keyof typeof STAFF_ACTION_LABELS;

/** Every recordable action, in the order the console's filter lists them. */
export const STAFF_ACTIONS = Object.keys(STAFF_ACTION_LABELS) as readonly StaffActionName[];

export function isStaffAction(name: string): name is StaffActionName {
  return Object.hasOwn(STAFF_ACTION_LABELS, name);
}

/**
 * An action in words. A name this list does not have (a row recorded before a mutation was
 * renamed) reads as its words, never as the bare name.
 */
export function staffActionLabel(name: string): string {
  if (isStaffAction(name)) return STAFF_ACTION_LABELS[name];
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The order of a time-ordered list (the audit trail, the staff action log). */
export const TIME_ORDERS = ["NEWEST_FIRST", "OLDEST_FIRST"] as const;
export type TimeOrder = (typeof TIME_ORDERS)[number];

export const TIME_ORDER_LABELS: Readonly<Record<TimeOrder, string>> = {
  NEWEST_FIRST: "Newest first",
  OLDEST_FIRST: "Oldest first",
};
