import { describe, expect, it } from "vitest";
import { expiryInWords, lastUsedInWords, purposesInForce } from "./key-times.js";

const NOW = new Date("2026-12-06T12:00:00Z");

describe("a key's times in words", () => {
  it("says when a key was last used, or never", () => {
    expect(lastUsedInWords(null, NOW)).toBe("never");
    expect(lastUsedInWords("2026-12-06T11:59:40Z", NOW)).toBe("just now");
    expect(lastUsedInWords("2026-12-06T11:57:00Z", NOW)).toBe("3 minutes ago");
    expect(lastUsedInWords("2026-12-04T12:00:00Z", NOW)).toBe("2 days ago");
  });

  it("says whether a key expires, and whether it already has", () => {
    expect(expiryInWords(null, NOW)).toBe("no expiry");
    expect(expiryInWords("2026-12-07T12:00:00Z", NOW)).toMatch(/^expires 7 Dec 2026/);
    expect(expiryInWords("2026-12-05T12:00:00Z", NOW)).toMatch(/^expired 5 Dec 2026/);
  });

  it("lists the purposes of the agreements in force only", () => {
    const agreement = (purposes: string[], over: Record<string, string | null> = {}) => ({
      purposes,
      validFrom: "2026-01-01T00:00:00Z",
      validUntil: "2027-01-01T00:00:00Z",
      terminatedAt: null,
      ...over,
    });
    expect(
      purposesInForce(
        [
          agreement(["MARKETING"]),
          agreement(["REMARKETING"], { terminatedAt: "2026-06-01T00:00:00Z" }),
          agreement(["SUPPORT"], { validUntil: "2026-06-01T00:00:00Z" }),
        ],
        NOW,
      ),
    ).toEqual(["MARKETING"]);
  });
});
