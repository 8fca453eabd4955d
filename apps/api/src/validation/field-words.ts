/**
 * Input fields in words, for the messages people read: "Choose a staff member." rather than
 * "staffUserId is not a valid id.". The field's own name stays in the error's
 * `extensions.field`, where clients look for it; only the message changes. Labels come from
 * @privet/domain/labels, the one vocabulary the console also reads.
 */
import { inputFieldLabel } from "@privet/domain/labels";

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
  eventId: "an event of the consent history",
};

/** "incidentRef" → "Incident reference"; an unknown "expiryMonth" → "Expiry month". */
export function fieldLabel(field: string): string {
  return inputFieldLabel(field);
}

/** Ids that are not a choice: a page's place in a list, a record opened from a list. */
const OTHER_IDS: Readonly<Record<string, string>> = {
  after: "The list cannot continue from there. Go back to its first page.",
  id: "Choose one from the list.",
};

/** The message for an id that is malformed: what to choose instead. */
export function chooseMessage(field: string): string {
  const other = OTHER_IDS[field];
  if (other) return other;
  const thing = IDS[field];
  return thing ? `Choose ${thing}.` : `${fieldLabel(field)} does not name anything here.`;
}
