import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Markdown } from "@privet/ui/markdown";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

const POLICY = `# Privacy Policy

**What changed**

- We honour the Global Privacy Control signal
  as an opt-out of advertising.
- Questions go to [privacy](mailto:privacy@privet.example).

See the [original snapshot](https://web.archive.org/web/2018/x) or our [archive](/policy).

<script>alert("x")</script>`;

describe("policy Markdown", () => {
  it("[P-14] marks links to other sites as external and opens them with noopener noreferrer", () => {
    render(<Markdown source={POLICY} />);
    const external = screen.getByRole("link", { name: /original snapshot/ });
    expect(external.getAttribute("rel")).toBe("noopener noreferrer");
    expect(external.getAttribute("target")).toBe("_blank");
    expect(external.textContent).toContain("external site");
    const internal = screen.getByRole("link", { name: "archive" });
    expect(internal.getAttribute("target")).toBeNull();
    expect(internal.getAttribute("href")).toBe("/policy");
  });

  it("keeps list items whole across wrapped lines", () => {
    render(<Markdown source={POLICY} />);
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toBe(
      "We honour the Global Privacy Control signal as an opt-out of advertising.",
    );
  });

  it("renders markup in a policy text as text, never as HTML", () => {
    const { container } = render(<Markdown source={POLICY} />);
    expect(container.querySelector("script")).toBeNull();
    expect(container.textContent).toContain('<script>alert("x")</script>');
  });
});

describe("tables, code and numbered lists", () => {
  const TEXT = `| Kind | Where |
|---|:---:|
| Email service | US (\`Oregon\`) |
| Payment processor | EU |

Send \`Sec-GPC: 1\` and **we stop**.

1. First step
   continues here.
2. Second step

3. Third, in its own list`;

  it("renders a table with a header row of column headers", () => {
    render(<Markdown source={TEXT} />);
    const table = screen.getByRole("table");
    const headers = screen.getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["Kind", "Where"]);
    const rows = table.querySelectorAll("tbody tr");
    expect(rows).toHaveLength(2);
    expect(rows[0]?.querySelectorAll("td")[1]?.querySelector("code")?.textContent).toBe("Oregon");
    expect(table.textContent).not.toContain("|");
    expect(table.textContent).not.toContain("---");
  });

  it("renders inline code without its backticks and numbered lists as ordered lists", () => {
    const { container } = render(<Markdown source={TEXT} />);
    expect(container.querySelector("p code")?.textContent).toBe("Sec-GPC: 1");
    const lists = container.querySelectorAll("ol");
    expect(lists).toHaveLength(2);
    expect([...(lists[0]?.querySelectorAll("li") ?? [])].map((li) => li.textContent)).toEqual([
      "First step continues here.",
      "Second step",
    ]);
    expect(lists[1]?.getAttribute("start")).toBe("3");
    expect(container.textContent).not.toContain("`");
  });
});

// Vitest runs from the portal folder; the seed texts are at the repository root.
const SEED_DATA = resolve(process.cwd(), "../../prisma/seed-data");

describe("the seed policies", () => {
  const files = readdirSync(SEED_DATA).filter((file) => file.endsWith(".md"));

  it("are both there", () => {
    expect(files).toHaveLength(2);
  });

  it.each(files)("%s renders with no Markdown syntax left and no scraping note", (file) => {
    const source = readFileSync(join(SEED_DATA, file), "utf8");
    const { container } = render(<Markdown source={source} />);
    const text = container.textContent ?? "";
    expect(text).not.toMatch(/\|\s*-{3}/);
    expect(text).not.toContain("`");
    expect(text).not.toContain("**");
    expect(text).not.toMatch(/(^|\s)#{1,6}\s/);
    expect(text).not.toMatch(/extracted and transformed|Wayback Machine/i);
    // The page's title is the version's title: the text adds no second one.
    expect(container.querySelector("h1")).toBeNull();
    // Italic, bold and headings came through as elements, not as marks.
    expect(container.querySelector("em")?.textContent).toBe("Non-personal Information.");
    expect(text).not.toMatch(/(^|\s)_\S/);
    expect(container.querySelectorAll("h2").length).toBeGreaterThan(5);
    expect(text).not.toMatch(/Privacy Policy - /);
  });

  it("the 2026 processor table is a table", () => {
    const source = readFileSync(join(SEED_DATA, "privacy-policy-2026-01-15.md"), "utf8");
    render(<Markdown source={source} />);
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Kind of processor",
      "What for",
      "Where it holds data",
    ]);
    expect(screen.getAllByRole("row")).toHaveLength(5);
  });
});
