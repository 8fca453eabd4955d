import { describe, expect, it } from "vitest";
import { uuid7 } from "./uuid7.js";

describe("uuid7", () => {
  it("is a version-7, RFC variant UUID carrying its millisecond timestamp", () => {
    const at = Date.UTC(2026, 10, 25, 12, 0, 0, 123);
    const id = uuid7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
  });

  it("sorts by time and does not repeat", () => {
    const ids = [uuid7(1_000), uuid7(2_000), uuid7(3_000)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => uuid7(5_000))).size).toBe(1000);
  });
});
