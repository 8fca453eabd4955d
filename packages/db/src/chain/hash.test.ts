import { describe, expect, it } from "vitest";
import { canonicalJson, chainHash, keyedHash } from "./hash.js";

describe("hash chains", () => {
  it("hashes the same content the same way whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(chainHash(null, { a: 1, b: 2 })).toBe(chainHash(null, { b: 2, a: 1 }));
  });

  it("makes each hash depend on the previous one and on every field", () => {
    const content = { state: "GIVEN", sequence: 2 };
    const base = chainHash("p".repeat(64), content);
    expect(chainHash("q".repeat(64), content)).not.toBe(base);
    expect(chainHash("p".repeat(64), { ...content, state: "WITHDRAWN" })).not.toBe(base);
    expect(chainHash(null, content)).not.toBe(base);
  });

  it("hashes identifiers under a key, and refuses a weak key", () => {
    const key = "k".repeat(32);
    expect(keyedHash("203.0.113.9", key)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash("203.0.113.9", key)).toBe(keyedHash("203.0.113.9", key));
    expect(keyedHash("203.0.113.9", key)).not.toBe(keyedHash("203.0.113.9", "j".repeat(32)));
    expect(() => keyedHash("203.0.113.9", "short")).toThrow(/at least 16/);
  });
});
