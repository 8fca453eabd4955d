/**
 * Compact JWS (RFC 7515) with EdDSA over Ed25519 (RFC 8037): `header.payload.signature`, each
 * base64url without padding, the signature over the ASCII of `header.payload`. node:crypto
 * only. The signer is the API's receipt key (config.receiptSigner); a verifier needs only the
 * public key, as served in the JWK Set at /.well-known/jwks.json.
 */
import { createPublicKey, type KeyObject, verify } from "node:crypto";

/** What signs: the key's id (the JWS `kid`) and an Ed25519 signature of a text, base64. */
export interface JwsSigner {
  readonly keyId: string;
  sign(signingInput: string): string;
}

/** The media type of a receipt's payload, named in the header (`typ`). */
export const RECEIPT_JWS_TYPE = "consent-receipt+json";

const base64url = (bytes: Buffer): string => bytes.toString("base64url");

/** Signs `payload` (the exact UTF-8 text, never re-serialised) as a compact JWS. */
export function signCompactJws(payload: string, signer: JwsSigner): string {
  const header = { alg: "EdDSA", kid: signer.keyId, typ: RECEIPT_JWS_TYPE };
  const signingInput = `${base64url(Buffer.from(JSON.stringify(header)))}.${base64url(Buffer.from(payload, "utf8"))}`;
  const signature = Buffer.from(signer.sign(signingInput), "base64");
  return `${signingInput}.${base64url(signature)}`;
}

export interface VerifiedJws {
  readonly header: { readonly alg: string; readonly kid?: string };
  /** The payload as signed (UTF-8 text). */
  readonly payload: string;
}

/**
 * The header and payload of a compact JWS whose EdDSA signature `publicKey` (a KeyObject or a
 * JWK) verifies; null for anything else — a changed byte anywhere, another algorithm, a key of
 * another kind.
 */
export function verifyCompactJws(
  jws: string,
  publicKey: KeyObject | Record<string, unknown>,
): VerifiedJws | null {
  const parts = jws.split(".");
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return null;
  const [encodedHeader = "", encodedPayload = "", encodedSignature = ""] = parts;
  try {
    const key =
      "asymmetricKeyType" in publicKey
        ? (publicKey as KeyObject)
        : createPublicKey({ key: publicKey as never, format: "jwk" });
    if (key.asymmetricKeyType !== "ed25519") return null;
    const header = JSON.parse(Buffer.from(encodedHeader, "base64url").toString("utf8"));
    if (header?.alg !== "EdDSA") return null;
    const valid = verify(
      null,
      Buffer.from(`${encodedHeader}.${encodedPayload}`, "ascii"),
      key,
      Buffer.from(encodedSignature, "base64url"),
    );
    if (!valid) return null;
    return { header, payload: Buffer.from(encodedPayload, "base64url").toString("utf8") };
  } catch {
    return null;
  }
}
