import { describe, expect, it } from "vitest";
import { CLAUSE_IDS, CLAUSES, citedClauses, clause, isClauseId } from "./clauses.js";

describe("the clause register", () => {
  it("numbers the policy's promises P-01 to P-19, in order, with no gap", () => {
    expect(CLAUSE_IDS).toEqual(
      Array.from({ length: 19 }, (_, i) => `P-${String(i + 1).padStart(2, "0")}`),
    );
  });

  it("gives every clause its promise, its control and what a test must show", () => {
    for (const c of CLAUSES) {
      for (const text of [c.promise, c.control, c.testMustShow]) {
        expect(text.length, c.id).toBeGreaterThan(20);
        expect(text, c.id).toMatch(/[.!?]$/);
      }
    }
  });

  it("looks a clause up by id, and knows which ids exist", () => {
    expect(clause("P-12").promise).toMatch(/other individuals/);
    expect(isClauseId("P-19")).toBe(true);
    expect(isClauseId("P-20")).toBe(false);
    expect(isClauseId("p-01")).toBe(false);
  });

  it("reads the ids a title cites from its [P-xx] tags, known or not", () => {
    expect(citedClauses("a title citing [P-08]: registering records a marketing consent")).toEqual([
      "P-08",
    ]);
    expect(citedClauses("two tags, [P-05] and [P-13]; [P-99] is mistyped")).toEqual([
      "P-05",
      "P-13",
      "P-99",
    ]);
    expect(citedClauses("P-08 without brackets is a mention, not a tag")).toEqual([]);
    expect(citedClauses("a short [P-1] is not an id")).toEqual([]);
  });
});
