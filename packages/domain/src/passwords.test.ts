import { describe, expect, it } from "vitest";
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULE,
  passwordLength,
  passwordProblem,
} from "./passwords.js";

describe("the password rule", () => {
  it("is at least 12 and at most 200 characters", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(200);
    expect(PASSWORD_RULE).toBe("At least 12 characters.");
  });

  it.each([
    ["", "Use a password of at least 12 characters."],
    ["privet-demo", "Use a password of at least 12 characters."], // 11: the demo password
    ["abcdefghijk", "Use a password of at least 12 characters."], // 11
    ["abcdefghijkl", null], // 12
    ["correct horse battery staple", null], // spaces are characters
    ["x".repeat(200), null],
    ["x".repeat(201), "Use a password of at most 200 characters."],
  ])("%j → %j", (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it("counts characters as a person does: an emoji or an accented letter is one", () => {
    // Eleven emoji are 22 UTF-16 units but 11 characters: too short.
    const elevenEmoji = "🔑".repeat(11);
    expect(elevenEmoji.length).toBe(22);
    expect(passwordLength(elevenEmoji)).toBe(11);
    expect(passwordProblem(elevenEmoji)).toMatch(/at least 12/);
    expect(passwordProblem("🔑".repeat(12))).toBeNull();
    expect(passwordProblem("ü".repeat(12))).toBeNull();
    // 200 emoji are 400 UTF-16 units and still within the limit.
    expect(passwordProblem("🔑".repeat(200))).toBeNull();
  });

  it("has no composition rules: letters alone are enough when long enough", () => {
    expect(passwordProblem("abcdefghijklmnop")).toBeNull();
    expect(passwordProblem("            ")).toBeNull(); // 12 spaces: length is the rule
  });
});
