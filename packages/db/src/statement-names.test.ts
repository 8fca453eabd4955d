import { describe, expect, it } from "vitest";
import { preparedStatementName } from "./statement-names.js";

describe("prepared statement names", () => {
  it("gives one text the same name every time and two texts two names", () => {
    const a = preparedStatementName({ sql: "SELECT 1" });
    expect(preparedStatementName({ sql: "SELECT 1" })).toBe(a);
    expect(preparedStatementName({ sql: "SELECT 2" })).not.toBe(a);
    // PostgreSQL truncates identifiers past 63 bytes: a longer name could collide there.
    expect(a).toMatch(/^privet_[0-9a-f]{32}$/);
  });
});
