import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AccessLog } from "./access-log.js";

const entry = (n: number) => ({
  id: `rec-${n}:1`,
  accessorKind: "STAFF",
  staffRole: "SUPPORT_AGENT",
  processorName: null,
  purpose: "SUPPORT",
  reference: `T-${n}`,
  category: "user.contact.email",
  categoryLabel: "Email address",
  occurredAt: `2026-11-${String(n).padStart(2, "0")}T10:00:00.000Z`,
  breakGlassReason: null,
  underLegalRequest: false,
});

const page = (numbers: number[], endCursor: string | null, hasNextPage: boolean) => ({
  me: {
    id: "c1",
    accessLogPage: {
      nodes: numbers.map(entry),
      pageInfo: { endCursor, hasNextPage },
    },
  },
});

/** Three pages, newest first: 20-19, 18-17, 16. */
function setup(older: Record<string, () => unknown> = {}) {
  const api = fakeApi({
    AccessLog: () => page([20, 19], "cursor-1", true),
    AccessLogOlder: (v) => {
      const answer = older[String(v.after)];
      if (!answer) throw new Error(`unexpected cursor ${String(v.after)}`);
      return answer();
    },
  });
  render(<AccessLog />, { wrapper: api.wrapper });
  return api;
}

const references = () =>
  within(screen.getByRole("table"))
    .getAllByRole("row")
    .slice(1)
    .map((row) => row.textContent?.match(/T-\d+/)?.[0]);

describe("the access log", () => {
  it("shows the newest page, then appends each older page by its cursor until the oldest", async () => {
    const api = setup({
      "cursor-1": () => page([18, 17], "cursor-2", true),
      "cursor-2": () => page([16], "cursor-3", false),
    });
    await screen.findByRole("table", { name: "Reads of your data, newest first" });
    expect(references()).toEqual(["T-20", "T-19"]);

    fireEvent.click(screen.getByRole("button", { name: "Show older entries" }));
    // Said while it loads, and not pressable twice.
    const loading = screen.getByRole("button", { name: "Loading older entries…" });
    expect(loading).toHaveProperty("disabled", true);
    await screen.findByRole("button", { name: "Show older entries" });
    expect(references()).toEqual(["T-20", "T-19", "T-18", "T-17"]);

    fireEvent.click(screen.getByRole("button", { name: "Show older entries" }));
    expect(await screen.findByText(/there are no older entries/)).toBeTruthy();
    expect(references()).toEqual(["T-20", "T-19", "T-18", "T-17", "T-16"]);
    expect(screen.queryByRole("button", { name: /Show older/ })).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("Showing 5 entries.");
    expect(api.queries.filter((q) => q.name === "AccessLogOlder").map((q) => q.variables)).toEqual([
      { after: "cursor-1" },
      { after: "cursor-2" },
    ]);
  });

  it("offers no button when the first page is the whole history", async () => {
    const api = fakeApi({ AccessLog: () => page([3], "cursor-1", false) });
    render(<AccessLog />, { wrapper: api.wrapper });
    await screen.findByRole("table");
    expect(screen.queryByRole("button", { name: /Show older/ })).toBeNull();
    expect(screen.queryByText(/no older entries/)).toBeNull();
  });

  it("says in words when an older page cannot be loaded, keeps what is shown, and lets the customer try again", async () => {
    let fail = true;
    setup({
      "cursor-1": () => {
        if (fail) throw Object.assign(new Error("boom"), { code: "INTERNAL_SERVER_ERROR" });
        return page([18], null, false);
      },
    });
    await screen.findByRole("table");
    fireEvent.click(screen.getByRole("button", { name: "Show older entries" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Something went wrong on our side. Please try again.",
    );
    expect(references()).toEqual(["T-20", "T-19"]);
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Show older entries" }));
    expect(await screen.findByText(/there are no older entries/)).toBeTruthy();
    expect(references()).toEqual(["T-20", "T-19", "T-18"]);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
