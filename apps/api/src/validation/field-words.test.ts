import { describe, expect, it } from "vitest";
import { chooseMessage, fieldLabel } from "./field-words.js";
import * as validate from "./validate.js";
import { validateId } from "./validate-id.js";

describe("validation messages in words", () => {
  it("asks to choose the thing an id names, never naming the field", () => {
    expect(chooseMessage("staffUserId")).toBe("Choose a staff member.");
    expect(chooseMessage("filter.subjectId")).toBe("Choose a customer.");
    expect(() => validateId("staffUserId", "not-an-id")).toThrow("Choose a staff member.");
  });

  it("says a page's place or a record's id is not valid without naming either", () => {
    expect(chooseMessage("after")).toBe(
      "The list cannot continue from there. Go back to its first page.",
    );
    expect(chooseMessage("id")).toBe("Choose one from the list.");
    expect(chooseMessage("after")).not.toMatch(/after|cursor/i);
  });

  it("keeps the field's name for clients, in the error's extensions", () => {
    try {
      validateId("customerId", "");
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "customerId",
      });
    }
  });

  it("names text fields by their label", () => {
    expect(fieldLabel("incidentRef")).toBe("Incident reference");
    expect(fieldLabel("expiryMonth")).toBe("Expiry month");
    expect(() => validate.text("justification", " ", { max: 10 })).toThrow(
      "Justification is required.",
    );
    expect(() => validate.text("incidentRef", "x".repeat(11), { max: 10 })).toThrow(
      "Incident reference must be at most 10 characters.",
    );
  });
});
