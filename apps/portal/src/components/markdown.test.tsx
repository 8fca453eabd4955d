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
