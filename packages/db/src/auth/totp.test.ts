import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotpStep,
  newTotpSecret,
  openTotpSecret,
  otpauthUri,
  sealTotpSecret,
  totpCode,
  totpStep,
} from "./totp.js";

// RFC 6238, Appendix B: the SHA-1 column, with the ASCII key "12345678901234567890" and
// 8 digits. The 6-digit code the console uses is the same number's last six digits.
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");
const RFC_6238_SHA1: ReadonlyArray<readonly [number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it("gives the RFC 6238 test vectors (SHA-1, 8 digits) and their 6-digit forms", () => {
    for (const [seconds, expected] of RFC_6238_SHA1) {
      const step = totpStep(new Date(seconds * 1000));
      expect(hotp(RFC_KEY, step, 8), `T=${seconds}`).toBe(expected);
      expect(hotp(RFC_KEY, step), `T=${seconds}`).toBe(expected.slice(2));
      // The same through a base32 secret, as an authenticator app holds it.
      expect(totpCode(base32Encode(RFC_KEY), step)).toBe(expected.slice(2));
    }
  });

  it("gives RFC 4226's HOTP vectors (Appendix D)", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676"];
    expected.forEach((code, counter) => {
      expect(hotp(RFC_KEY, counter)).toBe(code);
    });
  });

  it("accepts the step before and after, and nothing further", () => {
    const secret = newTotpSecret();
    const at = new Date("2026-12-06T09:00:10Z");
    const step = totpStep(at);
    expect(matchTotpStep(secret, totpCode(secret, step), at)).toBe(step);
    expect(matchTotpStep(secret, totpCode(secret, step - 1), at)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCode(secret, step + 1), at)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCode(secret, step - 2), at)).toBeNull();
    expect(matchTotpStep(secret, totpCode(secret, step + 2), at)).toBeNull();
    expect(matchTotpStep(secret, "12345", at)).toBeNull();
    expect(matchTotpStep(secret, "abcdef", at)).toBeNull();
  });

  it("round-trips base32 and writes the otpauth URI apps read", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(secret.toLowerCase()))).toBe(secret);
    const uri = new URL(otpauthUri(secret, "Privet", "ada@privet.example"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });

  it("seals a secret so that it is not readable, and opens it only with the same server secret", () => {
    const secret = newTotpSecret();
    const sealed = sealTotpSecret(secret, "server-secret-one-xxxxxxxxxxxxxxxxxx");
    expect(sealed).not.toContain(secret);
    expect(
      openTotpSecret(sealed, "server-secret-one-xxxxxxxxxxxxxxxxxx", { allowDemo: false }),
    ).toBe(secret);
    expect(
      openTotpSecret(sealed, "server-secret-two-xxxxxxxxxxxxxxxxxx", { allowDemo: false }),
    ).toBeNull();
    expect(openTotpSecret("demo:ABC", "x", { allowDemo: false })).toBeNull();
    expect(openTotpSecret("demo:ABC", "x", { allowDemo: true })).toBe("ABC");
  });
});
