import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook, WebhookVerificationError } from "./webhooks.js";

// The Standard Webhooks specification's own example, its signature recomputed independently
// (Python's hmac: base64(HMAC-SHA256(b64decode(secret), f"{id}.{ts}.{body}"))).
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TIMESTAMP = 1614265330;
const BODY = '{"test": 2432232314}';
const SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
const AT = new Date(TIMESTAMP * 1000);

function headers(signature = SIGNATURE, timestamp = String(TIMESTAMP)) {
  return { "webhook-id": ID, "webhook-timestamp": timestamp, "webhook-signature": signature };
}

describe("verifyWebhook", () => {
  it("accepts the specification's vector and returns the parsed payload", () => {
    const verified = verifyWebhook(SECRET, headers(), BODY, { now: AT });
    expect(verified).toEqual({ id: ID, timestamp: AT, payload: { test: 2432232314 } });
    expect(`v1,${signWebhook(SECRET, ID, TIMESTAMP, BODY)}`).toBe(SIGNATURE);
  });

  it("accepts raw bytes, a Headers object, and any one of several signatures", () => {
    const list = `v1,${Buffer.alloc(32).toString("base64")} ${SIGNATURE}`;
    const fetchHeaders = new Headers(headers(list));
    const bytes = new TextEncoder().encode(BODY);
    expect(verifyWebhook(SECRET, fetchHeaders, bytes, { now: AT }).id).toBe(ID);
  });

  it("rejects a changed body, a changed id, another secret and an unknown version", () => {
    const refuse = (fn: () => unknown) => expect(fn).toThrow(WebhookVerificationError);
    refuse(() => verifyWebhook(SECRET, headers(), BODY.replace("2", "3"), { now: AT }));
    refuse(() =>
      verifyWebhook(SECRET, { ...headers(), "webhook-id": "msg_other" }, BODY, { now: AT }),
    );
    refuse(() => verifyWebhook("whsec_b3RoZXItc2VjcmV0", headers(), BODY, { now: AT }));
    refuse(() =>
      verifyWebhook(SECRET, headers(SIGNATURE.replace("v1,", "v2,")), BODY, { now: AT }),
    );
    refuse(() => verifyWebhook(SECRET, headers("v1,short"), BODY, { now: AT }));
  });

  it("rejects a timestamp outside the tolerance, either way, and missing headers", () => {
    const late = new Date((TIMESTAMP + 301) * 1000);
    const early = new Date((TIMESTAMP - 301) * 1000);
    expect(() => verifyWebhook(SECRET, headers(), BODY, { now: late })).toThrow(/tolerance/);
    expect(() => verifyWebhook(SECRET, headers(), BODY, { now: early })).toThrow(/tolerance/);
    expect(verifyWebhook(SECRET, headers(), BODY, { now: late, toleranceSeconds: 400 }).id).toBe(
      ID,
    );
    expect(() => verifyWebhook(SECRET, { "webhook-id": ID }, BODY, { now: AT })).toThrow(/Missing/);
    expect(() => verifyWebhook(SECRET, headers(SIGNATURE, "12abc"), BODY, { now: AT })).toThrow(
      WebhookVerificationError,
    );
  });
});
