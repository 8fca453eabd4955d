/**
 * The staff module's surface: a customer's access log (who may read it, loading it, the
 * accessor kinds it names), which the audit log and the data export use too; and why a
 * break-glass grant was given, which the overview names.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export { type AccessLogEntry, AccessorKindValues } from "./access-log-entry.type.js";
export { assertMayReadAccessLog } from "./access-log-permission.js";
export { BreakGlassReasonValues } from "./break-glass-reason.enum.js";
export { accessLogInPages, loadAccessLogs } from "./load-access-log.js";
