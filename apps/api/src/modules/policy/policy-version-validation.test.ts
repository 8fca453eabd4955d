import { describe, expect, it } from "vitest";
import type { AppError } from "../../errors/app-error.js";
import { MAX_BODY_BYTES, validatePolicyVersion } from "./policy-version-validation.js";
import type { PublishPolicyVersionInput } from "./publish-policy-version.input.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const input = (overrides: Partial<PublishPolicyVersionInput> = {}) =>
  ({
    version: "2026-04-01",
    title: "Privacy Statement",
    body: "# Privacy Statement",
    summary: null,
    effectiveAt: new Date("2026-04-01T00:00:00Z"),
    material: true,
    ...overrides,
  }) as PublishPolicyVersionInput;

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return String((error as AppError).extensions.field);
  }
  return undefined;
}

describe("validatePolicyVersion", () => {
  it("accepts a well-formed version, trimming text and defaulting the summary", () => {
    expect(
      validatePolicyVersion(input({ title: "  Privacy Statement ", body: "\n# Body\n" }), NOW),
    ).toEqual({
      version: "2026-04-01",
      title: "Privacy Statement",
      body: "# Body",
      summary: "",
      effectiveAt: new Date("2026-04-01T00:00:00Z"),
      material: true,
    });
  });

  it("limits the body to 200 kB, counted in bytes (the HTTP limit is lower today)", () => {
    expect(
      fieldOf(() => validatePolicyVersion(input({ body: "x".repeat(MAX_BODY_BYTES) }), NOW)),
    ).toBeUndefined();
    expect(
      fieldOf(() => validatePolicyVersion(input({ body: "x".repeat(MAX_BODY_BYTES + 1) }), NOW)),
    ).toBe("body");
    // 70,000 three-byte characters: under 200,000 characters, over 200 kB.
    expect(fieldOf(() => validatePolicyVersion(input({ body: "€".repeat(70_000) }), NOW))).toBe(
      "body",
    );
  });

  it("treats a date a few minutes in the past as now, and refuses anything earlier", () => {
    const twoMinutesAgo = new Date(NOW.getTime() - 2 * 60_000);
    expect(validatePolicyVersion(input({ effectiveAt: twoMinutesAgo }), NOW).effectiveAt).toEqual(
      NOW,
    );
    const anHourAgo = new Date(NOW.getTime() - 60 * 60_000);
    expect(fieldOf(() => validatePolicyVersion(input({ effectiveAt: anHourAgo }), NOW))).toBe(
      "effectiveAt",
    );
    expect(
      fieldOf(() => validatePolicyVersion(input({ effectiveAt: new Date(Number.NaN) }), NOW)),
    ).toBe("effectiveAt");
  });
});
