export { type ChainVerification, keyedHash } from "../chain/hash.js";
export {
  appendConsentEvent,
  appendConsentEventIn,
  type ConsentEventInput,
} from "./append-consent-event.js";
export { currentConsents } from "./current-consents.js";
export { verifyConsentLedger } from "./verify-consent-ledger.js";
