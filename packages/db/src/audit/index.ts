export { type AuditWriter, createAuditWriter } from "./audit-writer.js";
export {
  type AccessEvent,
  type AccessEventFilter,
  findAccessEvents,
} from "./find-access-events.js";
export {
  type AccessEventInput,
  type AccessOutcome,
  type AccessRecordInput,
  accessRecordInsert,
  inChainLockOrder,
  recordAccessEvents,
  recordAccessEventsIn,
  type StoredRead,
  storedRead,
  toAccessRecords,
} from "./record-access-events.js";
export { recordStaffActions, type StaffActionInput } from "./record-staff-actions.js";
export { type AuditScope, verifyAuditLog } from "./verify-audit-log.js";
export { type StaffActionScope, verifyStaffActionLog } from "./verify-staff-actions.js";
