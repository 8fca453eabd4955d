/**
 * The shared table (@privet/ui/data-table), tested here where the component tests run: headers
 * sort as buttons and say their order (aria-sort), blanks stay last, pages move with
 * "Previous"/"Next", and no rows is said in words.
 */
import { type Column, DataTable } from "@privet/ui/data-table";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

interface Row {
  id: string;
  name: string | null;
  due: number;
}
const COLUMNS: Column<Row>[] = [
  { key: "name", header: "Name", sortValue: (r) => r.name, cell: (r) => r.name ?? "—" },
  { key: "due", header: "Due", sortValue: (r) => r.due, cell: (r) => String(r.due) },
  { key: "id", header: "Reference", cell: (r) => r.id },
];
const ROWS: Row[] = [
  { id: "r1", name: "Carol", due: 3 },
  { id: "r2", name: null, due: 10 },
  { id: "r3", name: "alice", due: 1 },
  { id: "r4", name: "Bob", due: 2 },
];

function names(): string[] {
  return screen
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell")[0]?.textContent ?? "");
}

describe("the shared data table", () => {
  it("sorts by a header pressed, then the other way, saying the order on the header", () => {
    render(
      <DataTable label="People" columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} empty="None." />,
    );
    expect(screen.getByRole("table", { name: "People" })).toBeTruthy();
    const name = screen.getByRole("columnheader", { name: /Name/ });
    expect(name.getAttribute("aria-sort")).toBe("none");
    // A column without a sort value is plain text, not a button.
    expect(
      within(screen.getByRole("columnheader", { name: "Reference" })).queryByRole("button"),
    ).toBeNull();
    fireEvent.click(within(name).getByRole("button", { name: /Name/ }));
    expect(name.getAttribute("aria-sort")).toBe("ascending");
    expect(names()).toEqual(["alice", "Bob", "Carol", "—"]);
    fireEvent.click(within(name).getByRole("button", { name: /Name/ }));
    expect(name.getAttribute("aria-sort")).toBe("descending");
    // Blanks stay last whichever the direction.
    expect(names()).toEqual(["Carol", "Bob", "alice", "—"]);
    const due = screen.getByRole("columnheader", { name: /Due/ });
    fireEvent.click(within(due).getByRole("button"));
    expect(due.getAttribute("aria-sort")).toBe("ascending");
    expect(name.getAttribute("aria-sort")).toBe("none");
    expect(names()).toEqual(["alice", "Bob", "Carol", "—"]);
  });

  it("pages the rows, and a new sort starts again from the first page", () => {
    render(
      <DataTable
        label="People"
        columns={COLUMNS}
        rows={ROWS}
        rowKey={(r) => r.id}
        empty="None."
        pageSize={3}
        initialSort={{ key: "due", direction: "descending" }}
      />,
    );
    const pager = screen.getByRole("navigation", { name: "People: pages" });
    expect(within(pager).getByText("Rows 1–3 of 4")).toBeTruthy();
    expect(names()).toEqual(["—", "Carol", "Bob"]);
    expect(
      (within(pager).getByRole("button", { name: "Previous" }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.click(within(pager).getByRole("button", { name: "Next" }));
    expect(names()).toEqual(["alice"]);
    expect(within(pager).getByText("Rows 4–4 of 4")).toBeTruthy();
    expect(
      (within(pager).getByRole("button", { name: "Next" }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.click(within(screen.getByRole("columnheader", { name: /Name/ })).getByRole("button"));
    expect(within(pager).getByText("Rows 1–3 of 4")).toBeTruthy();
  });

  it("offers the same orders in a Sort by list, for a phone where the header row is hidden", () => {
    render(
      <DataTable label="People" columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} empty="None." />,
    );
    const sortBy = screen.getByLabelText("Sort by") as HTMLSelectElement;
    expect([...sortBy.options].map((o) => o.textContent)).toEqual([
      "as listed",
      "Name, ascending",
      "Name, descending",
      "Due, ascending",
      "Due, descending",
    ]);
    fireEvent.change(sortBy, { target: { value: "due:descending" } });
    expect(names()).toEqual(["—", "Carol", "Bob", "alice"]);
    expect(screen.getByRole("columnheader", { name: /Due/ }).getAttribute("aria-sort")).toBe(
      "descending",
    );
    // A header pressed shows in the list too.
    fireEvent.click(within(screen.getByRole("columnheader", { name: /Name/ })).getByRole("button"));
    expect(sortBy.value).toBe("name:ascending");
  });

  it("says there are no rows in words instead of an empty table", () => {
    render(
      <DataTable
        label="People"
        columns={COLUMNS}
        rows={[]}
        rowKey={(r) => r.id}
        empty="Nobody yet."
      />,
    );
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByText("Nobody yet.")).toBeTruthy();
  });
});
