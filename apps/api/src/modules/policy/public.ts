/**
 * The policy module's surface: the version in force, and the notices of a coming change a
 * new customer is sent.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export { policyIdInForce, policyInForce } from "./policy-in-force.js";
export { queueScheduledNoticesFor } from "./policy-notices.js";
