/**
 * The privacy-request lifecycle as one table: for every action the privacy officer takes and
 * every state a request can be in, where the action leads or why it is refused.
 *
 *   RECEIVED ──verify──▶ VERIFIED ──start──▶ IN_PROGRESS
 *   VERIFIED or IN_PROGRESS ──fulfil──▶ FULFILLED
 *   RECEIVED, VERIFIED or IN_PROGRESS ──reject──▶ REJECTED
 *   RECEIVED, VERIFIED or IN_PROGRESS ──extend, once──▶ the same state, a later due date
 *
 * transition.ts applies it; the refusals are BAD_USER_INPUT on `id` with the reason, so a
 * client can tell "verify first" from "already closed".
 */
import type { PrivacyRequestStatus } from "./privacy-request-enums.js";

export type Action = "verify" | "start" | "extend" | "reject" | "fulfil";

/** Why an action is refused: a reason a client acts on, and the words a person reads. */
export interface Refusal {
  readonly reason: string;
  readonly message: string;
}

/** Allowed, leading to this state ("same": an extension keeps the state), or refused. */
export type Step = { readonly to: PrivacyRequestStatus | "same" } | { readonly refused: Refusal };

const to = (status: PrivacyRequestStatus | "same"): Step => ({ to: status });
const refused = (reason: string, message: string): Step => ({ refused: { reason, message } });
const alreadyClosed = (status: PrivacyRequestStatus) =>
  refused("CLOSED", `This request is already ${status}.`);
const notReceived = (status: PrivacyRequestStatus) =>
  refused("NOT_RECEIVED", `Only a RECEIVED request can be verified (this one is ${status}).`);

export const LIFECYCLE: Readonly<Record<Action, Readonly<Record<PrivacyRequestStatus, Step>>>> = {
  verify: {
    RECEIVED: to("VERIFIED"),
    VERIFIED: notReceived("VERIFIED"),
    IN_PROGRESS: notReceived("IN_PROGRESS"),
    FULFILLED: notReceived("FULFILLED"),
    REJECTED: notReceived("REJECTED"),
  },
  start: {
    RECEIVED: refused("NOT_VERIFIED", "Verify the customer's identity before starting work."),
    VERIFIED: to("IN_PROGRESS"),
    IN_PROGRESS: refused("ALREADY_STARTED", "Work on this request has already started."),
    FULFILLED: alreadyClosed("FULFILLED"),
    REJECTED: alreadyClosed("REJECTED"),
  },
  extend: {
    RECEIVED: to("same"),
    VERIFIED: to("same"),
    IN_PROGRESS: to("same"),
    FULFILLED: refused("CLOSED", "A FULFILLED request cannot be extended."),
    REJECTED: refused("CLOSED", "A REJECTED request cannot be extended."),
  },
  reject: {
    RECEIVED: to("REJECTED"),
    VERIFIED: to("REJECTED"),
    IN_PROGRESS: to("REJECTED"),
    FULFILLED: alreadyClosed("FULFILLED"),
    REJECTED: alreadyClosed("REJECTED"),
  },
  fulfil: {
    RECEIVED: refused(
      "NOT_VERIFIED",
      "Verify the customer's identity before fulfilling the request.",
    ),
    VERIFIED: to("FULFILLED"),
    IN_PROGRESS: to("FULFILLED"),
    FULFILLED: alreadyClosed("FULFILLED"),
    REJECTED: alreadyClosed("REJECTED"),
  },
};

const ALREADY_EXTENDED: Refusal = {
  reason: "ALREADY_EXTENDED",
  message: "The deadline can be extended only once.",
};

/** The law allows one extension (GDPR Art. 12(3), CCPA § 7021): refused once it is stamped. */
export const ONCE: Readonly<
  Partial<Record<Action, { readonly stamp: "extendedAt"; readonly refusal: Refusal }>>
> = {
  extend: { stamp: "extendedAt", refusal: ALREADY_EXTENDED },
};

/**
 * Why the conditional update found the request no longer as it was read: another officer
 * acted meanwhile. A second extension is the only race an extension can lose.
 */
export const LOST_RACE: Readonly<Record<Action, Refusal>> = {
  verify: { reason: "NOT_RECEIVED", message: "The request changed meanwhile." },
  start: { reason: "ALREADY_STARTED", message: "The request changed meanwhile." },
  extend: ALREADY_EXTENDED,
  reject: { reason: "CHANGED", message: "The request changed meanwhile." },
  fulfil: { reason: "CHANGED", message: "The request changed meanwhile." },
};

/** The states an action may start from. */
export function startsFrom(action: Action): PrivacyRequestStatus[] {
  return (Object.entries(LIFECYCLE[action]) as Array<[PrivacyRequestStatus, Step]>)
    .filter(([, step]) => "to" in step)
    .map(([status]) => status);
}

/** Where `action` takes a request in this state, or why it is refused. */
export function stepOf(
  action: Action,
  request: { readonly status: PrivacyRequestStatus; readonly extendedAt: Date | null },
): Step {
  const step = LIFECYCLE[action][request.status];
  const once = ONCE[action];
  if ("to" in step && once && request[once.stamp]) return { refused: once.refusal };
  return step;
}
