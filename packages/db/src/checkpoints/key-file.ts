/**
 * Where the checkpoint signing key comes from: PRIVET_SIGNING_KEY (an Ed25519 private key,
 * PKCS#8 PEM; "\n" may be written literally), otherwise a key file made on first use beside
 * the embedded database, like the development secret (apps/api/src/config.ts):
 * <PRIVET_DATA_DIR's parent>/checkpoint-key.pem, or .privet-data/checkpoint-key.pem with
 * DATABASE_URL. The database never holds it. An in-memory database gets a key that dies with
 * the process.
 */
import { dirname, join } from "node:path";
import type { DatabaseConfig } from "../config.js";
import {
  type CheckpointSigner,
  generateSigningKeyPem,
  signerFromKeyFile,
  signerFromPrivateKey,
} from "./signing.js";

export const CHECKPOINT_KEY_FILE = "checkpoint-key.pem";

/**
 * The consent receipts' key (PRIVET_RECEIPT_SIGNING_KEY, or this file beside the checkpoint
 * key): a key of its own, so that the key every customer's verifier trusts is never the one
 * that vouches for the histories — each can be rotated alone, and a signature made for one use
 * can never be passed off as the other's.
 */
export const RECEIPT_KEY_FILE = "receipt-key.pem";

export function signingKeyFile(
  database: DatabaseConfig,
  fileName: string = CHECKPOINT_KEY_FILE,
): string | null {
  if (database.kind === "pglite" && database.dataDir === "memory://") return null;
  const folder =
    database.kind === "pglite" ? dirname(database.dataDir.replace(/\/$/, "")) : ".privet-data";
  return join(folder, fileName);
}

export function loadCheckpointSigner(
  database: DatabaseConfig,
  keyPem: string | undefined,
  fileName: string = CHECKPOINT_KEY_FILE,
): CheckpointSigner {
  if (keyPem) return signerFromPrivateKey(keyPem);
  const file = signingKeyFile(database, fileName);
  return file ? signerFromKeyFile(file) : signerFromPrivateKey(generateSigningKeyPem());
}
