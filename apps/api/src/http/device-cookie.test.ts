import { describe, expect, it } from "vitest";
import {
  DEVICE_COOKIE_LIFETIME_MS,
  issueDeviceCookie,
  verifyDeviceCookie,
} from "./device-cookie.js";

const KEY = "k".repeat(64);
const ACCOUNT = "0199a000-0000-7000-8000-00000000000a";
const NOW = Date.UTC(2026, 10, 25, 12, 0);

describe("device cookies", () => {
  const cookie = issueDeviceCookie(KEY, "customer", ACCOUNT, NOW);

  it("verify for the account they were issued to, giving the nonce that keys their failures", () => {
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{70}$/);
    expect(verifyDeviceCookie(KEY, "customer", ACCOUNT, cookie, NOW)).toMatch(/^[0-9a-f]{32}$/);
    // Each is new: another sign-in gets another nonce.
    const again = issueDeviceCookie(KEY, "customer", ACCOUNT, NOW);
    expect(again).not.toBe(cookie);
    expect(verifyDeviceCookie(KEY, "customer", ACCOUNT, again, NOW)).not.toBe(
      verifyDeviceCookie(KEY, "customer", ACCOUNT, cookie, NOW),
    );
  });

  it("do not verify for another account, the other kind, or under another server secret", () => {
    const other = "0199a000-0000-7000-8000-00000000000b";
    expect(verifyDeviceCookie(KEY, "customer", other, cookie, NOW)).toBeNull();
    expect(verifyDeviceCookie(KEY, "staff", ACCOUNT, cookie, NOW)).toBeNull();
    expect(verifyDeviceCookie("x".repeat(64), "customer", ACCOUNT, cookie, NOW)).toBeNull();
  });

  it("expire 180 days after issue, whatever the browser keeps", () => {
    const day = 24 * 60 * 60_000;
    expect(DEVICE_COOKIE_LIFETIME_MS).toBe(180 * day);
    expect(verifyDeviceCookie(KEY, "customer", ACCOUNT, cookie, NOW + 179 * day)).not.toBeNull();
    expect(verifyDeviceCookie(KEY, "customer", ACCOUNT, cookie, NOW + 181 * day)).toBeNull();
    // One dated well in the future was not issued by this server's clock.
    const future = issueDeviceCookie(KEY, "customer", ACCOUNT, NOW + day);
    expect(verifyDeviceCookie(KEY, "customer", ACCOUNT, future, NOW)).toBeNull();
  });

  it("refuse anything malformed", () => {
    for (const value of [undefined, "", "abc", `${cookie}A`, cookie.slice(0, -1), "A".repeat(70)]) {
      expect(verifyDeviceCookie(KEY, "customer", ACCOUNT, value, NOW)).toBeNull();
    }
  });
});
