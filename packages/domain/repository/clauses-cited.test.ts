/**
 * Every clause id a test cites is in the register, and every clause in the register has a
 * test: the register (`src/clauses.ts`) and the tests' [P-xx] tags cannot drift apart.
 */
import { describe, expect, it } from "vitest";
import { CLAUSE_IDS, citedClauses, isClauseId } from "../src/clauses.js";
import { type TestTitle, testFiles, testTitles, titlesIn } from "./test-titles.js";

const where = ({ file, title }: TestTitle) => `${file}: ${title}`;

describe("reading test titles", () => {
  it("finds titles however the test is declared, and only the fixed parts of a template", () => {
    const source = `
      describe("[P-01] sessions", () => {
        it("[P-02] no cookie names the customer", () => {});
        it.each([1, 2])(
          "[P-03] card %s",
          () => {},
        );
        test.describe.serial(\`[P-04] on a phone \${size}\`, () => {});
        it.skip('plain title', () => {});
        expect("[P-05] not a title").toBe("x");
      });
      const HISTORIES = [{ title: "[P-06] ledger" }];
      // it("[P-07] a comment is not a test")
    `;
    expect(titlesIn("x.test.ts", source)).toEqual([
      "[P-01] sessions",
      "[P-02] no cookie names the customer",
      "[P-03] card %s",
      "[P-04] on a phone  ",
      "plain title",
      "[P-05] not a title",
      "[P-06] ledger",
    ]);
  });

  it("reads the apps', the packages' and the browser suite's test files", () => {
    const files = testFiles();
    expect(files).toContain("packages/domain/src/decide.test.ts");
    expect(files.some((f) => f.startsWith("apps/api/src/") && f.endsWith(".test.ts"))).toBe(true);
    expect(files.some((f) => f.startsWith("apps/console/src/") && f.endsWith(".test.tsx"))).toBe(
      true,
    );
    expect(files.some((f) => f.startsWith("e2e/tests/") && f.endsWith(".spec.ts"))).toBe(true);
    expect(files.some((f) => f.includes("node_modules") || f.includes("/dist/"))).toBe(false);
  });
});

describe("the clauses the tests cite", () => {
  // This file's own examples above cite clauses without proving anything: not counted.
  const titles = testTitles().filter(
    (t) => t.file !== "packages/domain/repository/clauses-cited.test.ts",
  );
  const citations = titles.flatMap((t) => citedClauses(t.title).map((id) => ({ id, at: t })));

  it("are all in the register (src/clauses.ts)", () => {
    expect(citations.length).toBeGreaterThan(CLAUSE_IDS.length);
    const unknown = citations
      .filter((c) => !isClauseId(c.id))
      .map((c) => `${c.id} in ${where(c.at)}`);
    expect(unknown).toEqual([]);
  });

  it("cover every clause in the register: each has at least one test", () => {
    const cited = new Set(citations.map((c) => c.id));
    expect(CLAUSE_IDS.filter((id) => !cited.has(id))).toEqual([]);
  });
});
