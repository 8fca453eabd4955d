/**
 * What a privacy officer may do with a privacy request in each state: the states each action
 * starts from, and the one extension the law allows (GDPR Art. 12(3), CCPA § 7021). The API's
 * lifecycle table (apps/api/src/modules/privacy-requests/lifecycle.ts) is tested against this
 * one, and the console offers exactly these actions, so it never offers what the API refuses.
 */
export const REQUEST_STATUSES = [
  "RECEIVED",
  "VERIFIED",
  "IN_PROGRESS",
  "FULFILLED",
  "REJECTED",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_ACTIONS = ["verify", "start", "extend", "reject", "fulfil"] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** The states each action may start from. */
export const REQUEST_ACTION_STARTS: Readonly<Record<RequestAction, readonly RequestStatus[]>> = {
  verify: ["RECEIVED"],
  start: ["VERIFIED"],
  extend: ["RECEIVED", "VERIFIED", "IN_PROGRESS"],
  reject: ["RECEIVED", "VERIFIED", "IN_PROGRESS"],
  fulfil: ["VERIFIED", "IN_PROGRESS"],
};

/** The actions a request in this state allows, in the order the console offers them. */
export function allowedRequestActions(
  status: string,
  extended: boolean,
): ReadonlySet<RequestAction> {
  return new Set(
    REQUEST_ACTIONS.filter(
      (action) =>
        (REQUEST_ACTION_STARTS[action] as readonly string[]).includes(status) &&
        !(action === "extend" && extended),
    ),
  );
}
