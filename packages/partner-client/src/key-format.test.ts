import { describe, expect, it } from "vitest";
import { isPartnerKey, PARTNER_KEY_PATTERN } from "./key-format.js";

// Checksum computed independently: Python's zlib.crc32 of the 32 characters, in base62.
const KEY = "privet_pk_0123456789ABCDEFGHIJKLMNOPQRSTUV1ggZdL";

describe("partner key format", () => {
  it("recognises a key by the documented pattern and checks its checksum offline", () => {
    expect(PARTNER_KEY_PATTERN.test(`token = "${KEY}"`)).toBe(true);
    expect(isPartnerKey(KEY)).toBe(true);
    expect(isPartnerKey(KEY.replace("1ggZdL", "1ggZdM"))).toBe(false);
    expect(isPartnerKey(KEY.replace("0123", "0124"))).toBe(false);
    expect(isPartnerKey("pk_legacy-key")).toBe(false);
  });
});
