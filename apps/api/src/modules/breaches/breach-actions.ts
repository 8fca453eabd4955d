/**
 * What an officer can usefully do with an incident now, as one table: the console enables its
 * buttons from `BreachIncident.actions`, and the mutations refuse what the incident's status
 * rules out (a closed incident takes no more notices). Counts decide the rest: approving needs
 * drafts, sending needs approved notices — pressing either with none changes nothing, so the
 * API answers it harmlessly and the console does not offer it.
 */
import { registerEnumType } from "type-graphql";
import { AppError } from "../../errors/app-error.js";
import type { BreachStatus } from "./breach-enums.js";

export const BreachActionValues = {
  DRAFT_NOTICES: "DRAFT_NOTICES",
  APPROVE_DRAFTS: "APPROVE_DRAFTS",
  SEND_APPROVED: "SEND_APPROVED",
  CLOSE: "CLOSE",
} as const;
export type BreachAction = keyof typeof BreachActionValues;

registerEnumType(BreachActionValues, {
  name: "BreachAction",
  description: "What an officer can do with a breach incident in its current state.",
});

interface IncidentState {
  readonly status: BreachStatus;
  readonly draftNotices: number;
  readonly approvedNotices: number;
  readonly sentNotices: number;
  /** Approved notices to customers erased since: no address, so they can never be sent. */
  readonly unreachableNotices: number;
  readonly affectedCustomers: number;
}

const ACTIONS: Readonly<
  Record<BreachAction, { statuses: readonly BreachStatus[]; has?: (i: IncidentState) => boolean }>
> = {
  // Also after the first drafts: more affected data may have come to light.
  DRAFT_NOTICES: { statuses: ["OPEN", "NOTIFYING"] },
  APPROVE_DRAFTS: { statuses: ["OPEN", "NOTIFYING"], has: (i) => i.draftNotices > 0 },
  SEND_APPROVED: { statuses: ["OPEN", "NOTIFYING"], has: (i) => i.approvedNotices > 0 },
  CLOSE: { statuses: ["OPEN", "NOTIFYING"], has: (i) => closeRefusal(i) === null },
};

/**
 * Why an incident may not be closed yet, in plain words; null when it may. Closing says the
 * notification duty is done: every affected customer who can be written to has been sent a
 * notice (approved notices to customers erased since have no address and do not hold it open),
 * or no customer was affected, so no notice is required.
 */
export function closeRefusal(i: IncidentState): string | null {
  if (i.status === "CLOSED") return "The incident is already closed.";
  if (i.draftNotices > 0) {
    return "Some notices are still drafts. Approve and send them (or redraft them) before closing the incident.";
  }
  if (i.approvedNotices - i.unreachableNotices > 0) {
    return "Some approved notices have not been sent yet. Send them before closing the incident.";
  }
  if (i.draftNotices + i.approvedNotices + i.sentNotices === 0 && i.affectedCustomers > 0) {
    return "Customers affected by this incident have not been notified yet. Draft, approve and send their notices before closing it.";
  }
  return null;
}

export function allowedBreachActions(incident: IncidentState): BreachAction[] {
  return (Object.keys(ACTIONS) as BreachAction[]).filter((action) => {
    const rule = ACTIONS[action];
    return rule.statuses.includes(incident.status) && (rule.has?.(incident) ?? true);
  });
}

/** Refuses an action the incident's status rules out, with a typed error. */
export function checkBreachStatus(action: BreachAction, status: BreachStatus): void {
  if (!ACTIONS[action].statuses.includes(status)) {
    throw new AppError("BAD_USER_INPUT", "The incident is closed.", {
      field: "incidentId",
      reason: "NOT_ALLOWED_IN_STATE",
      status,
    });
  }
}
