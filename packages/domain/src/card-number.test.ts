import { describe, expect, it } from "vitest";
import { containsCardNumber, hasIssuerPrefix, passesLuhn } from "./card-number.js";

// Published test numbers of the card networks: none is a real card.
const TEST_CARDS = {
  visa: "4111111111111111",
  visa13: "4222222222222",
  mastercard: "5555555555554444",
  amex: "378282246310005",
  discover: "6011111111111117",
  diners14: "30569309025904",
  jcb: "3530111333300000",
  unionpay19: "6212345678901265",
} as const;

describe("passesLuhn", () => {
  it("accepts the networks' test numbers and refuses a changed digit", () => {
    for (const number of Object.values(TEST_CARDS)) expect(passesLuhn(number)).toBe(true);
    expect(passesLuhn("4111111111111112")).toBe(false);
    expect(passesLuhn("79927398713")).toBe(true);
    expect(passesLuhn("79927398710")).toBe(false);
  });

  it("refuses anything that is not digits", () => {
    expect(passesLuhn("")).toBe(false);
    expect(passesLuhn("4111 1111")).toBe(false);
  });
});

describe("containsCardNumber", () => {
  it("finds a bare card number of every length from 13 to 19 digits", () => {
    for (const number of Object.values(TEST_CARDS)) {
      expect(containsCardNumber(number), number).toBe(true);
    }
    // 19 digits (the longest card numbers).
    const nineteen = "4000000000000000006";
    expect(passesLuhn(nineteen)).toBe(true);
    expect(containsCardNumber(nineteen)).toBe(true);
  });

  it("finds numbers written in groups with spaces or dashes, inside other text", () => {
    expect(containsCardNumber("4111 1111 1111 1111")).toBe(true);
    expect(containsCardNumber("4111-1111-1111-1111")).toBe(true);
    expect(containsCardNumber("3782 822463 10005")).toBe(true);
    expect(containsCardNumber("my card is 4111 - 1111 - 1111 - 1111, thanks")).toBe(true);
    expect(containsCardNumber("card:4111111111111111.")).toBe(true);
    expect(containsCardNumber("tok_4111111111111111")).toBe(true);
    expect(containsCardNumber("4111111111111111@example.com")).toBe(true);
  });

  it("finds a number followed by its security code or preceded by other digits", () => {
    expect(containsCardNumber("4111 1111 1111 1111 123")).toBe(true);
    expect(containsCardNumber("4111111111111111 123")).toBe(true);
    expect(containsCardNumber("order 12 4111 1111 1111 1111")).toBe(true);
  });

  it("finds full-width digits and no-break spaces (normalised first)", () => {
    expect(containsCardNumber("４１１１１１１１１１１１１１１１")).toBe(true);
    expect(containsCardNumber("4111\u00a01111\u00a01111\u00a01111")).toBe(true);
    expect(containsCardNumber("4111\u20131111\u20131111\u20131111")).toBe(true);
  });

  it("leaves alone what is not a card number", () => {
    expect(containsCardNumber("")).toBe(false);
    expect(containsCardNumber("visa ending 1111, expires 12/2030")).toBe(false);
    // Luhn fails.
    expect(containsCardNumber("4111 1111 1111 1112")).toBe(false);
    // Too short (12 digits) and too long (20 digits) even though Luhn passes.
    expect(passesLuhn("411111111117")).toBe(true);
    expect(containsCardNumber("411111111117")).toBe(false);
    expect(passesLuhn("41111111111111111115")).toBe(true);
    expect(containsCardNumber("41111111111111111115")).toBe(false);
    // Digits split by letters are separate short numbers.
    expect(containsCardNumber("tok_4111a1111b1111c1111")).toBe(false);
    expect(containsCardNumber("Call +1 415 555 0100 between 9 and 5.")).toBe(false);
    expect(containsCardNumber("2026-01-15 10:00")).toBe(false);
  });

  it("leaves ids alone, even one whose digits look like a card, and still finds a card beside one", () => {
    // "2-7184-9659-3648511": a Mastercard prefix, and Luhn passes (an exact-id search failed).
    const id = "01a24ccd-84f2-7184-9659-3648511eabdd";
    expect(passesLuhn("2718496593648511")).toBe(true);
    expect(hasIssuerPrefix("2718496593648511")).toBe(true);
    expect(containsCardNumber(id)).toBe(false);
    expect(containsCardNumber(`customer ${id}`)).toBe(false);
    expect(containsCardNumber(`${id} paid with ${TEST_CARDS.visa}`)).toBe(true);
    // Not UUID-shaped (its last group one character short): scanned as any text.
    expect(containsCardNumber("01a24ccd-84f2-7184-9659-3648511eabd")).toBe(true);
  });
});

describe("hasIssuerPrefix", () => {
  it("knows the networks' prefixes and nothing else", () => {
    for (const number of Object.values(TEST_CARDS))
      expect(hasIssuerPrefix(number), number).toBe(true);
    expect(hasIssuerPrefix("2221000000000009")).toBe(true); // Mastercard 2-series
    expect(hasIssuerPrefix("2200000000000004")).toBe(true); // Mir
    expect(hasIssuerPrefix("2100000000000000")).toBe(false);
    expect(hasIssuerPrefix("3500000000000000")).toBe(false); // 35 outside JCB's 3528–3589
    expect(hasIssuerPrefix("1234567890123")).toBe(false);
    expect(hasIssuerPrefix("9000000000000000")).toBe(false);
  });

  it("spares Luhn-valid numbers no network issues: timestamps, date-based references", () => {
    // A millisecond timestamp and a date-based number, both chosen to pass Luhn.
    const timestamp = "1764979509122";
    expect(passesLuhn(timestamp)).toBe(true);
    expect(containsCardNumber(`CASE-${timestamp}`)).toBe(false);
    const dated = "20261205000007";
    expect(passesLuhn(dated)).toBe(true);
    expect(containsCardNumber(`order ${dated}`)).toBe(false);
  });
});
