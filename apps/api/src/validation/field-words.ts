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
};

/** "incidentRef" → "Incident reference"; an unknown "expiryMonth" → "Expiry month". */
export function fieldLabel(field: string): string {
  return inputFieldLabel(field);
}

/** The message for an id that is malformed: what to choose instead. */
export function chooseMessage(field: string): string {
  const thing = IDS[field];
  return thing ? `Choose ${thing}.` : `${fieldLabel(field)} does not name anything here.`;
}
