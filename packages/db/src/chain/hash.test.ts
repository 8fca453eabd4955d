import { describe, expect, it } from "vitest";
import { canonicalJson, chainHash, keyedHash } from "./hash.js";

describe("hash chains", () => {
  it("hashes the same content the same way whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(chainHash(null, { a: 1, b: 2 })).toBe(chainHash(null, { b: 2, a: 1 }));
  });

  it("writes exactly what JSON.stringify of a key-sorted copy wrote, and a bigint as its digits", () => {
    // The hashes in existing ledgers were made with JSON.stringify: the same bytes, always.
    const legacy = (value: unknown): string => {
      const sort = (inner: unknown): unknown => {
        if (Array.isArray(inner)) return inner.map(sort);
        if (inner !== null && typeof inner === "object") {
          const sorted: Record<string, unknown> = {};
          for (const key of Object.keys(inner).sort()) {
            const member = (inner as Record<string, unknown>)[key];
            if (member !== undefined) sorted[key] = sort(member);
          }
          return sorted;
        }
        return inner;
      };
      return JSON.stringify(sort(value));
    };
    const samples: unknown[] = [
      { b: 1, a: "x" },
      { text: 'quote " backslash \\ newline \n tab \t', unicode: "é 😀 \u2028", empty: "" },
      { numbers: [0, -0, 1.5, 1e21, 1e-7, -12, Number.NaN, Number.POSITIVE_INFINITY] },
      { nested: { z: [null, true, false, { y: undefined, x: [] }], a: {} } },
      { skipped: undefined, kept: null, list: [undefined, () => 1] },
      { "": 1, "10": 2, "9": 3, B: 4, a: 5, ä: 6 },
      [{ b: 2, a: 1 }],
      "a string",
      42,
      null,
    ];
    for (const sample of samples) expect(canonicalJson(sample)).toBe(legacy(sample));
    expect(canonicalJson({ sequence: 9_007_199_254_740_993n, n: [1n] })).toBe(
      '{"n":[1],"sequence":9007199254740993}',
    );
    expect(chainHash(null, { sequence: 7n })).toBe(chainHash(null, { sequence: 7 }));
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
