import { generateKeyPairSync } from "node:crypto";
import { generateSigningKeyPem, signerFromPrivateKey } from "@privet/db/checkpoints";
import { describe, expect, it } from "vitest";
import { signCompactJws, verifyCompactJws } from "./compact-jws.js";

const signer = signerFromPrivateKey(generateSigningKeyPem());
const payload = JSON.stringify({
  "dct:identifier": "e1",
  "dpv:hasConsentStatus": "dpv:ConsentGiven",
});

describe("compact JWS with EdDSA", () => {
  it("signs the payload text as given and verifies with the public JWK alone", () => {
    const jws = signCompactJws(payload, signer);
    expect(jws.split(".")).toHaveLength(3);
    const verified = verifyCompactJws(jws, signer.publicKeyJwk);
    expect(verified?.payload).toBe(payload);
    expect(verified?.header).toEqual({
      alg: "EdDSA",
      kid: signer.keyId,
      typ: "consent-receipt+json",
    });
  });

  it("refuses a changed byte, another key, another algorithm and a malformed token", () => {
    const jws = signCompactJws(payload, signer);
    const [header, body = "", signature] = jws.split(".");
    const bytes = Buffer.from(body, "base64url");
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0x01;
    expect(
      verifyCompactJws(
        `${header}.${bytes.toString("base64url")}.${signature}`,
        signer.publicKeyJwk,
      ),
    ).toBeNull();

    const other = signerFromPrivateKey(generateSigningKeyPem());
    expect(verifyCompactJws(jws, other.publicKeyJwk)).toBeNull();

    const none = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    expect(verifyCompactJws(`${none}.${body}.${signature}`, signer.publicKeyJwk)).toBeNull();

    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey;
    expect(verifyCompactJws(jws, rsa)).toBeNull();
    expect(verifyCompactJws("not.a.jws!", signer.publicKeyJwk)).toBeNull();
    expect(verifyCompactJws("two.parts", signer.publicKeyJwk)).toBeNull();
  });
});
