/**
 * Input fields in words, for the messages people read: "Choose a staff member." rather than
 * "staffUserId is not a valid id.". The field's own name stays in the error's
 * `extensions.field`, where clients look for it; only the message changes.
 */

/** What to choose for each id the API takes: "Choose <this>." */
const IDS: Readonly<Record<string, string>> = {
  customerId: "a customer",
  subjectId: "a customer",
  subjectIds: "the customers",
  "filter.subjectId": "a customer",
  staffUserId: "a staff member",
  "filter.principalId": "a staff member or a processor",
  processorId: "a processor",
  legalRequestId: "a legal request",
  incidentId: "a breach incident",
  campaignId: "a campaign",
  noticeIds: "the notices",
};

/** Labels for text fields whose name does not read well on its own. */
const LABELS: Readonly<Record<string, string>> = {
  incidentRef: "Incident reference",
  ref: "Reference",
  body: "The text",
  replyTo: "Reply-to address",
};

/** "incidentRef" → "Incident reference"; an unknown "expiryMonth" → "Expiry month". */
export function fieldLabel(field: string): string {
  const known = LABELS[field];
  if (known) return known;
  const last = field.split(".").at(-1) ?? field;
  const words = last.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The message for an id that is malformed: what to choose instead. */
export function chooseMessage(field: string): string {
  const thing = IDS[field];
  return thing ? `Choose ${thing}.` : `${fieldLabel(field)} does not name anything here.`;
}
