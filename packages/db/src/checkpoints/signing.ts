/**
 * The key that signs chain checkpoints: Ed25519, held by the API process (a key file beside
 * the embedded database, or PRIVET_SIGNING_KEY), never by the database. Whoever controls the
 * database can rewrite a chain and recompute every hash, but cannot sign the result: a
 * checkpoint signed before the rewrite, and exported, still names the old hashes.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Checks checkpoint signatures: all a verifier needs (the public key). */
export interface CheckpointVerifier {
  /** The SHA-256 of the public key (SPKI, DER), hex, first 16 characters. */
  readonly keyId: string;
  /** The public key as PEM (SPKI). */
  readonly publicKeyPem: string;
  /** The public key as a JWK ({ kty: "OKP", crv: "Ed25519", x }). */
  readonly publicKeyJwk: Record<string, unknown>;
  verify(statement: string, signature: string): boolean;
}

export interface CheckpointSigner extends CheckpointVerifier {
  /** An Ed25519 signature of the statement's UTF-8 bytes, base64. */
  sign(statement: string): string;
}

export class CheckpointKeyError extends Error {}

export function verifierFromPublicKey(publicKey: KeyObject | string): CheckpointVerifier {
  const key = typeof publicKey === "string" ? parsePublic(publicKey) : publicKey;
  if (key.asymmetricKeyType !== "ed25519") {
    throw new CheckpointKeyError("the checkpoint key must be an Ed25519 key");
  }
  const der = key.export({ type: "spki", format: "der" });
  return {
    keyId: createHash("sha256").update(der).digest("hex").slice(0, 16),
    publicKeyPem: key.export({ type: "spki", format: "pem" }).toString(),
    publicKeyJwk: { ...key.export({ format: "jwk" }), use: "sig", alg: "EdDSA" },
    verify: (statement, signature) => {
      try {
        return verify(null, Buffer.from(statement, "utf8"), key, Buffer.from(signature, "base64"));
      } catch {
        return false;
      }
    },
  };
}

/** A signer from a PKCS#8 PEM private key (literal "\n" sequences are accepted for env vars). */
export function signerFromPrivateKey(pem: string): CheckpointSigner {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem.replace(/\\n/g, "\n"));
  } catch {
    throw new CheckpointKeyError("the checkpoint key is not a PEM private key");
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new CheckpointKeyError("the checkpoint key must be an Ed25519 key");
  }
  return {
    ...verifierFromPublicKey(createPublicKey(key)),
    sign: (statement) => sign(null, Buffer.from(statement, "utf8"), key).toString("base64"),
  };
}

export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

/** The signer in `file`, made there (mode 0600) on first use. */
export function signerFromKeyFile(file: string): CheckpointSigner {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, generateSigningKeyPem(), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return signerFromPrivateKey(readFileSync(file, "utf8"));
}

function parsePublic(pem: string): KeyObject {
  try {
    return createPublicKey(pem.replace(/\\n/g, "\n"));
  } catch {
    throw new CheckpointKeyError("the checkpoint public key is not a PEM key");
  }
}
