export { HISTORY_NAMES, type HistoryName } from "../verification/histories.js";
export { verifyAllHistories } from "../verification/verify-all.js";
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
  CHECKPOINT_KEY_FILE,
  loadCheckpointSigner,
  RECEIPT_KEY_FILE,
  signingKeyFile,
} from "./key-file.js";
export {
  CheckpointKeyError,
  type CheckpointSigner,
  type CheckpointVerifier,
  generateSigningKeyPem,
  signerFromKeyFile,
  signerFromPrivateKey,
  verifierFromPublicKey,
} from "./signing.js";
