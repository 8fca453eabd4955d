import { describe, expect, it } from "vitest";
import { isStaffAction, STAFF_ACTIONS, staffActionLabel } from "./staff-actions.js";

describe("staff action labels", () => {
  it("label every listed action in words, each differently, never as the mutation's name", () => {
    const labels = STAFF_ACTIONS.map(staffActionLabel);
    expect(new Set(labels).size).toBe(labels.length);
    for (const action of STAFF_ACTIONS) {
      expect(staffActionLabel(action)).not.toBe(action);
      expect(staffActionLabel(action)).toMatch(/^[A-Z][a-z]/);
    }
  });

  it("read an unknown name as words, and do not take it for an action", () => {
    expect(isStaffAction("renamedMutation")).toBe(false);
    expect(isStaffAction("toString")).toBe(false);
    expect(staffActionLabel("renamedMutation")).toBe("Renamed mutation");
  });
});
