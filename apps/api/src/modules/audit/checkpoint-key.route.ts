/**
 * GET /.well-known/privet-checkpoint-key: the public half of the checkpoint signing key, as a
 * JWK Set ({ keys: [{ kty: "OKP", crv: "Ed25519", x, kid, use: "sig", alg: "EdDSA" }] }), or
 * as PEM with `Accept: application/x-pem-file` (or ?format=pem). Anyone holding an export of
 * signed checkpoints checks it with this key; it names no one and needs no sign-in.
 */
import type { CheckpointVerifier } from "@privet/db/checkpoints";
import type express from "express";

export const CHECKPOINT_KEY_PATH = "/.well-known/privet-checkpoint-key";

export function checkpointKeyRoute(verifier: CheckpointVerifier): express.RequestHandler {
  const jwks = { keys: [{ ...verifier.publicKeyJwk, kid: verifier.keyId }] };
  return (req, res) => {
    res.setHeader("Cache-Control", "public, max-age=300");
    const pem =
      req.query.format === "pem" ||
      req.accepts(["application/json", "application/x-pem-file"]) === "application/x-pem-file";
    if (pem) {
      res.type("application/x-pem-file").send(verifier.publicKeyPem);
      return;
    }
    res.type("application/jwk-set+json").send(JSON.stringify(jwks));
  };
}
