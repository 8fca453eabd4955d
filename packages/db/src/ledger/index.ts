export {
  type BrokenLink,
  type ChainProblem,
  type ChainVerification,
  keyedHash,
} from "../chain/hash.js";
export {
  type AppendedConsentEvent,
  appendConsentEvent,
  appendConsentEventIn,
  appendConsentEventWith,
  type ConsentEventInput,
  isLostRace,
} from "./append-consent-event.js";
export { currentConsents } from "./current-consents.js";
export { type ConsentLedgerScope, verifyConsentLedger } from "./verify-consent-ledger.js";
