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

export function signingKeyFile(database: DatabaseConfig): string | null {
  if (database.kind === "pglite" && database.dataDir === "memory://") return null;
  const folder =
    database.kind === "pglite" ? dirname(database.dataDir.replace(/\/$/, "")) : ".privet-data";
  return join(folder, "checkpoint-key.pem");
}

export function loadCheckpointSigner(
  database: DatabaseConfig,
  keyPem: string | undefined,
): CheckpointSigner {
  if (keyPem) return signerFromPrivateKey(keyPem);
  const file = signingKeyFile(database);
  return file ? signerFromKeyFile(file) : signerFromPrivateKey(generateSigningKeyPem());
}
