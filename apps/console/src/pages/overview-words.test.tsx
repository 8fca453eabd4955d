import { describe, expect, it } from "vitest";
import { clockInWords, dueInWords } from "./overview-words.js";

describe("deadlines in words", () => {
  it("says how overdue a request is in days, never as a negative number", () => {
    expect(dueInWords(-1)).toBe("1 day overdue");
    expect(dueInWords(-42)).toBe("42 days overdue");
    expect(dueInWords(0)).toBe("due today");
    expect(dueInWords(1)).toBe("due tomorrow");
    expect(dueInWords(5)).toBe("due in 5 days");
  });

  it("counts a 72-hour clock in hours, and in days beyond 72 hours", () => {
    expect(clockInWords(72)).toBe("72 hours left");
    expect(clockInWords(100)).toBe("4 days left");
    expect(clockInWords(61)).toBe("61 hours left");
    expect(clockInWords(47)).toBe("47 hours left");
    expect(clockInWords(1)).toBe("1 hour left");
    expect(clockInWords(0)).toBe("0 hours left");
    expect(clockInWords(-5)).toBe("5 hours overdue");
    expect(clockInWords(-300)).toBe("12 days overdue");
  });
});
