export {
  type AdvanceReport,
  advanceCheckpoints,
  type HistoryResults,
  sealHolds,
  verifyFromCheckpoints,
} from "./checkpoints.js";
export {
  type CheckpointExport,
  CheckpointExportError,
  checkExport,
  EXPORT_FORMAT,
  exportCheckpoints,
  verifyAgainstExport,
} from "./export.js";
export {
  type CheckpointSigner,
  type CheckpointVerifier,
  CheckpointKeyError,
  generateSigningKeyPem,
  signerFromKeyFile,
  signerFromPrivateKey,
  verifierFromPublicKey,
} from "./signing.js";
export { type HistoryName, HISTORY_NAMES } from "../verification/histories.js";
export { verifyAllHistories } from "../verification/verify-all.js";
