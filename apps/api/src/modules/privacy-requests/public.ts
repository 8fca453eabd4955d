/**
 * The privacy-requests module's surface: its vocabulary (kinds and states), which the
 * overview's "requests due" uses too.
 *
 * The rest of the module is its own: other modules import only this file (architecture.test.ts).
 */
export {
  type PrivacyRequestKind,
  PrivacyRequestKindValues,
  type PrivacyRequestStatus,
  PrivacyRequestStatusValues,
} from "./privacy-request-enums.js";
