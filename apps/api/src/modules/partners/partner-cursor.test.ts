import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors/app-error.js";
import { encodeSubjectCursor } from "../../pagination/subject-cursor.js";
import { openSubjectCursor, sealSubjectCursor } from "./partner-cursor.js";

const KEY = "cursor-test-key-0123456789abcdef";
const OTHER_KEY = "another-test-key-0123456789abcdef";
const PROCESSOR = randomUUID();
const CUSTOMER = randomUUID();

/** The error openSubjectCursor throws for `cursor`, or null when it opens. */
function rejection(cursor: string, processorId = PROCESSOR, hashKey = KEY): AppError | null {
  try {
    openSubjectCursor("after", cursor, processorId, hashKey);
    return null;
  } catch (error) {
    return error as AppError;
  }
}

function expectBadCursor(cursor: string, processorId = PROCESSOR, hashKey = KEY): void {
  const error = rejection(cursor, processorId, hashKey);
  expect(error, cursor).toBeInstanceOf(AppError);
  expect(error?.message).toBe("bad cursor");
  expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
}

describe("partner subject cursors", () => {
  it("round-trips the customer id, and no cursor is the first page", () => {
    const cursor = sealSubjectCursor(CUSTOMER, PROCESSOR, KEY);
    expect(openSubjectCursor("after", cursor, PROCESSOR, KEY)).toBe(CUSTOMER);
    expect(openSubjectCursor("after", null, PROCESSOR, KEY)).toBeNull();
    expect(openSubjectCursor("after", undefined, PROCESSOR, KEY)).toBeNull();
  });

  it("does not reveal the customer id, and never gives the same cursor twice", () => {
    const cursors = Array.from({ length: 20 }, () => sealSubjectCursor(CUSTOMER, PROCESSOR, KEY));
    expect(new Set(cursors).size).toBe(cursors.length);
    const hex = CUSTOMER.replaceAll("-", "");
    for (const cursor of cursors) {
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      const bytes = Buffer.from(cursor, "base64url");
      for (const text of [
        cursor,
        bytes.toString("utf8"),
        bytes.toString("hex"),
        bytes.toString("latin1"),
      ]) {
        expect(text).not.toContain(CUSTOMER);
        expect(text).not.toContain(hex);
      }
      expect(cursor).not.toBe(encodeSubjectCursor(CUSTOMER));
    }
  });

  it("rejects a tampered cursor: every flipped bit, in IV, tag or ciphertext", () => {
    const bytes = Buffer.from(sealSubjectCursor(CUSTOMER, PROCESSOR, KEY), "base64url");
    for (let i = 0; i < bytes.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const tampered = Buffer.from(bytes);
        tampered[i] = (tampered[i] ?? 0) ^ bit;
        expectBadCursor(tampered.toString("base64url"));
      }
    }
  });

  it("rejects a truncated, extended, re-encoded or malformed cursor", () => {
    const cursor = sealSubjectCursor(CUSTOMER, PROCESSOR, KEY);
    const bytes = Buffer.from(cursor, "base64url");
    for (const length of [0, 1, 12, 28, 29, bytes.length - 1]) {
      if (length > 0) expectBadCursor(bytes.subarray(0, length).toString("base64url"));
    }
    expectBadCursor(Buffer.concat([bytes, Buffer.from([0])]).toString("base64url"));
    expectBadCursor(cursor.slice(0, -1));
    expectBadCursor(`${cursor}=`);
    expectBadCursor(bytes.toString("base64")); // standard alphabet and padding: not ours
    expectBadCursor("");
    expectBadCursor("not a cursor");
    expectBadCursor("A".repeat(500));
    // The old, plain form of a cursor is not accepted either.
    expectBadCursor(encodeSubjectCursor(CUSTOMER));
  });

  it("rejects a cursor sealed under another key or for another processor", () => {
    expectBadCursor(sealSubjectCursor(CUSTOMER, PROCESSOR, OTHER_KEY));
    expectBadCursor(sealSubjectCursor(CUSTOMER, PROCESSOR, KEY), PROCESSOR, OTHER_KEY);
    expectBadCursor(sealSubjectCursor(CUSTOMER, randomUUID(), KEY));
  });

  it("rejects a well-sealed cursor that does not hold a customer id", () => {
    expectBadCursor(sealSubjectCursor("not-a-uuid", PROCESSOR, KEY));
    expectBadCursor(sealSubjectCursor(`${CUSTOMER} OR 1=1`, PROCESSOR, KEY));
  });
});
