/**
 * GET /.well-known/jwks.json: the public key that signs consent receipts, as a JWK Set
 * ({ keys: [{ kty: "OKP", crv: "Ed25519", x, kid, use: "sig", alg: "EdDSA" }] }), so anyone
 * holding a receipt — the customer, a regulator, a court — checks it with standard JOSE tools
 * and nothing of Privet's. It names no one and needs no sign-in.
 */
import type { CheckpointVerifier } from "@privet/db/checkpoints";
import type express from "express";

export const JWKS_PATH = "/.well-known/jwks.json";

export function jwksRoute(verifier: CheckpointVerifier): express.RequestHandler {
  const body = JSON.stringify({ keys: [{ ...verifier.publicKeyJwk, kid: verifier.keyId }] });
  return (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=300");
    // Public and the same for everyone, no cookies: any site's script may read it.
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.type("application/jwk-set+json").send(body);
  };
}
