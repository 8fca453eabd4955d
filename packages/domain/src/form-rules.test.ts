import { describe, expect, it } from "vitest";
import {
  cardExpiryProblems,
  emailProblem,
  nameProblem,
  registrationProblems,
  supportQuestionProblems,
} from "./form-rules.js";

/** A message that starts with a field's name ("name is required.") or holds a camelCase one. */
const INTERNAL_NAMES = /^[a-z]|[a-z][A-Z]/;

describe("names and emails", () => {
  it("needs a name of at most 200 characters", () => {
    expect(nameProblem("  ")).toBe("Enter your full name.");
    expect(nameProblem("Ada Lovelace")).toBeNull();
    expect(nameProblem("x".repeat(201))).toBe("Shorten your name to at most 200 characters.");
  });

  it("needs an email like name@example.com", () => {
    expect(emailProblem("")).toBe("Enter your email address.");
    expect(emailProblem("ada@example")).toBe("Enter an email address like name@example.com.");
    expect(emailProblem("ada @example.com")).toBe("Enter an email address like name@example.com.");
    expect(emailProblem(" Ada@Example.com ")).toBeNull();
  });
});

describe("a registration", () => {
  it("answers every problem at once, by field, in words", () => {
    const problems = registrationProblems({
      name: "",
      email: "nope",
      password: "short",
      country: "",
      region: null,
    });
    expect(Object.keys(problems).sort()).toEqual(["country", "email", "name", "password"]);
    for (const message of Object.values(problems)) expect(message).not.toMatch(INTERNAL_NAMES);
  });

  it("requires a US state from the list, and only for the US", () => {
    const base = { name: "Ada", email: "ada@example.com", password: "a long password" };
    expect(registrationProblems({ ...base, country: "US", region: null })).toEqual({
      region: "Choose the state you live in.",
    });
    expect(registrationProblems({ ...base, country: "US", region: "ZZ" })).toEqual({
      region: "Choose a state from the list.",
    });
    expect(registrationProblems({ ...base, country: "US", region: "CA" })).toEqual({});
    expect(registrationProblems({ ...base, country: "FR" })).toEqual({});
  });
});

describe("a card's expiry", () => {
  const now = new Date("2026-12-06T12:00:00Z");

  it("takes a month from 1 to 12", () => {
    expect(cardExpiryProblems(13, 2028, now)).toEqual({
      expiryMonth: "Enter the expiry month as a number from 01 to 12.",
    });
    expect(cardExpiryProblems(0, 2028, now)).toHaveProperty("expiryMonth");
    expect(cardExpiryProblems(1, 2028, now)).toEqual({});
    expect(cardExpiryProblems(12, 2028, now)).toEqual({});
  });

  it("takes a year from this year to twenty years on, and reports both at once", () => {
    expect(cardExpiryProblems(13, 2047, now)).toEqual({
      expiryMonth: "Enter the expiry month as a number from 01 to 12.",
      expiryYear: "Enter the expiry year shown on your card, from 2026 to 2046.",
    });
    expect(cardExpiryProblems(5, 2046, now)).toEqual({});
    expect(cardExpiryProblems(5, 2025, now)).toEqual({ expiryYear: "This card has expired." });
  });

  it("is valid to the end of its month", () => {
    expect(cardExpiryProblems(12, 2026, now)).toEqual({});
    expect(cardExpiryProblems(11, 2026, now)).toEqual({ expiryMonth: "This card has expired." });
  });
});

describe("a question to the company", () => {
  it("answers every problem at once: subject, question and, from a visitor, a reply address", () => {
    expect(supportQuestionProblems({ subject: " ", message: "", replyTo: null }, false)).toEqual({
      subject: "Enter a subject.",
      message: "Write your question.",
      replyTo: "Give an email address we can answer you at, or sign in.",
    });
    expect(supportQuestionProblems({ subject: "Hi", message: "Hello" }, true)).toEqual({});
    expect(
      supportQuestionProblems({ subject: "x".repeat(201), message: "Hi", replyTo: "nope" }, true),
    ).toEqual({
      subject: "Shorten the subject to at most 200 characters.",
      replyTo: "Enter an email address like name@example.com.",
    });
    expect(
      supportQuestionProblems({ subject: "Hi", message: "x".repeat(5001) }, true).message,
    ).toBe("Shorten your question to at most 5,000 characters.");
  });
});
