import { describe, expect, it } from "vitest";
import {
  hashPassword,
  LEGACY_PASSWORD_HASHING,
  needsRehash,
  PASSWORD_HASHING,
  verifyPassword,
} from "./password.js";

/** Cheap parameters for the tests that are about the format, not the cost. */
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe("password hashing", () => {
  it("hashes at OWASP's scrypt parameters (N=2^17, r=8, p=1) by default", async () => {
    expect(PASSWORD_HASHING).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("still verifies a hash made with the old parameters (N=2^14), and says it needs a rehash", async () => {
    const old = await hashPassword("privet-demo", LEGACY_PASSWORD_HASHING);
    expect(old).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("privet-demo", old)).toBe(true);
    expect(await verifyPassword("privet-dem0", old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    // Weaker in any one parameter is weaker.
    expect(needsRehash(old.replace("$8$1$", "$4$1$"), LEGACY_PASSWORD_HASHING)).toBe(true);
    expect(needsRehash(old, LEGACY_PASSWORD_HASHING)).toBe(false);
    // A stronger hash than the target is left alone.
    expect(needsRehash(old, FAST)).toBe(false);
  });

  it("salts every hash, and rejects a malformed stored value instead of throwing", async () => {
    expect(await hashPassword("same", FAST)).not.toBe(await hashPassword("same", FAST));
    expect(await verifyPassword("anything", "md5$abc")).toBe(false);
    expect(needsRehash("md5$abc")).toBe(false);
    const good = await hashPassword("anything", FAST);
    expect(await verifyPassword("anything", `${good}$extra`)).toBe(false);
  });

  it("refuses stored parameters that would exhaust memory instead of trying them", async () => {
    const good = await hashPassword("anything", FAST);
    for (const forged of [
      good.replace("$1024$", "$1073741824$"), // N = 2^30: 1 TiB
      good.replace("$1024$", "$1000$"), // not a power of two
      good.replace("$8$1$", "$1000$1$"),
      good.replace("$8$1$", "$8$0$"),
    ]) {
      expect(await verifyPassword("anything", forged)).toBe(false);
    }
  });
});
