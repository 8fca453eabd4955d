export {
  type AccessEventInput,
  recordAccessEvents,
  recordAccessEventsIn,
} from "./record-access-events.js";
export { verifyAuditLog } from "./verify-audit-log.js";
