/**
 * A full-width table both front ends share: column headers that sort (buttons, with aria-sort
 * on the header so a screen reader hears the order), pages of rows with "Previous"/"Next" and
 * where one is, and the empty state in words. On a phone each row becomes a block with every
 * cell under its column's name (the stack-on-phone styles read data-label).
 *
 * Sorting orders the rows the table holds: for a history read in pages from the API (newest
 * first, "Show older entries" below), it orders what has been loaded so far.
 */
import { type HTMLAttributes, type ReactNode, useMemo, useState } from "react";
import { Empty } from "./states.js";

export interface Column<T> {
  /** Unique within the table; names the sort. */
  readonly key: string;
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  /** What the column sorts by; a column without one does not sort. */
  readonly sortValue?: (row: T) => string | number | null | undefined;
}

export type SortDirection = "ascending" | "descending";
export interface Sort {
  readonly key: string;
  readonly direction: SortDirection;
}

export interface DataTableProps<T> {
  /** Names the table for assistive technology (its caption, visually hidden unless shown). */
  readonly label: string;
  readonly showLabel?: boolean;
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  /** The order before any header is pressed; the rows' own order when absent. */
  readonly initialSort?: Sort;
  /** Rows per page; every row on one page when absent. */
  readonly pageSize?: number;
  /** Said instead of the table when there are no rows. */
  readonly empty: ReactNode;
  readonly rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<string, unknown>;
}

const compare = (a: string | number, b: string | number): number => {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true, sensitivity: "base" });
};

/** The rows in the order of `sort` (stable: equal rows keep their order). */
export function sortRows<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  sort: Sort | null,
): T[] {
  const column = sort && columns.find((c) => c.key === sort.key);
  if (!sort || !column?.sortValue) return [...rows];
  const value = column.sortValue;
  const sign = sort.direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: value(row) ?? "" }))
    .sort((x, y) => {
      // Blanks sort last whichever the direction, so the values a reader looks for come first.
      if ((x.value === "") !== (y.value === "")) return x.value === "" ? 1 : -1;
      return sign * compare(x.value, y.value) || x.index - y.index;
    })
    .map(({ row }) => row);
}

export function DataTable<T>({
  label,
  showLabel = false,
  columns,
  rows,
  rowKey,
  initialSort,
  pageSize,
  empty,
  rowProps,
}: DataTableProps<T>) {
  const [sort, setSort] = useState<Sort | null>(initialSort ?? null);
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  const size = pageSize ?? sorted.length;
  const pages = Math.max(1, Math.ceil(sorted.length / size));
  const current = Math.min(page, pages - 1);
  const shown = sorted.slice(current * size, current * size + size);
  const press = (key: string) => {
    setSort((was) => ({
      key,
      direction: was?.key === key && was.direction === "ascending" ? "descending" : "ascending",
    }));
    setPage(0);
  };
  const sortable = columns.filter((c) => c.sortValue);
  return (
    <div className="data-table">
      {sortable.length > 0 && (
        // On a phone the header row is hidden (each row is a block), so its order is chosen here.
        <label className="sort-on-phone">
          Sort by{" "}
          <select
            value={sort ? `${sort.key}:${sort.direction}` : ""}
            onChange={(event) => {
              const [key = "", direction] = event.target.value.split(":");
              setSort(key ? { key, direction: direction as SortDirection } : null);
              setPage(0);
            }}
          >
            <option value="">as listed</option>
            {sortable.flatMap((c) => [
              <option key={`${c.key}:ascending`} value={`${c.key}:ascending`}>
                {c.header}, ascending
              </option>,
              <option key={`${c.key}:descending`} value={`${c.key}:descending`}>
                {c.header}, descending
              </option>,
            ])}
          </select>
        </label>
      )}
      <div className="table-scroll">
        <table className="stack-on-phone">
          <caption className={showLabel ? undefined : "visually-hidden"}>{label}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const direction = sort?.key === column.key ? sort.direction : undefined;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={column.sortValue ? (direction ?? "none") : undefined}
                  >
                    {column.sortValue ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => press(column.key)}
                      >
                        {column.header}
                        <span aria-hidden="true" className="sort-mark">
                          {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)} {...rowProps?.(row)}>
                {columns.map((column) => (
                  <td key={column.key} data-label={column.header}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="pager" aria-label={`${label}: pages`}>
          <button
            type="button"
            className="secondary"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            Previous
          </button>
          <p aria-live="polite">
            Rows {current * size + 1}–{current * size + shown.length} of {sorted.length}
          </p>
          <button
            type="button"
            className="secondary"
            disabled={current === pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
