/**
 * Two small SVG charts (no chart library): lines over time and horizontal bars. Each chart
 * has a title and a data table behind a disclosure, so the numbers are there for anyone who
 * cannot see the picture.
 */
import type { ReactNode } from "react";

const COLOURS = ["#1f4fd1", "#b3261e", "#1b6b3a", "#8a4b08", "#6b3fa0"];
const WIDTH = 640;
const HEIGHT = 220;
const PAD = 36;

export interface Series {
  readonly label: string;
  readonly points: ReadonlyArray<{ x: string; y: number }>;
}

/** Lines sharing one x axis; y from 0 to `max` (e.g. 1 for rates). */
export function LineChart({
  title,
  series,
  max,
  format,
}: {
  title: string;
  series: readonly Series[];
  max: number;
  format: (y: number) => string;
}) {
  const xs = series[0]?.points.map((p) => p.x) ?? [];
  const x = (i: number) => PAD + (i * (WIDTH - 2 * PAD)) / Math.max(1, xs.length - 1);
  const y = (v: number) => HEIGHT - PAD - (v / (max || 1)) * (HEIGHT - 2 * PAD);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
        <line x1={PAD} y1={y(0)} x2={WIDTH - PAD} y2={y(0)} stroke="#cfd5e1" />
        <line x1={PAD} y1={y(max)} x2={WIDTH - PAD} y2={y(max)} stroke="#eef0f4" />
        <text x={4} y={y(max) + 4} fontSize="11">
          {format(max)}
        </text>
        <text x={4} y={y(0) + 4} fontSize="11">
          {format(0)}
        </text>
        {xs.map((label, i) =>
          i % 2 === 0 || i === xs.length - 1 ? (
            <text key={label} x={x(i)} y={HEIGHT - 10} fontSize="11" textAnchor="middle">
              {label}
            </text>
          ) : null,
        )}
        {series.map((s, k) => (
          <polyline
            key={s.label}
            fill="none"
            stroke={COLOURS[k % COLOURS.length]}
            strokeWidth={2.5}
            points={s.points.map((p, i) => `${x(i)},${y(p.y)}`).join(" ")}
          />
        ))}
      </svg>
      <ul className="legend">
        {series.map((s, k) => (
          <li key={s.label}>
            <span style={{ background: COLOURS[k % COLOURS.length] }} /> {s.label}
          </li>
        ))}
      </ul>
      <DataTable
        head={["", ...xs]}
        rows={series.map((s) => [s.label, ...s.points.map((p) => format(p.y))])}
      />
    </figure>
  );
}

/** Horizontal bars, one row per label, stacked parts in order. */
export function BarChart({
  title,
  rows,
  parts,
}: {
  title: string;
  rows: ReadonlyArray<{ label: string; values: readonly number[] }>;
  parts: readonly string[];
}) {
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="empty">Nothing to show yet.</p>
      ) : (
        <div className="bars" role="img" aria-label={title}>
          {rows.map((row) => (
            <div key={row.label} className="bar-row">
              <span className="bar-label">{row.label}</span>
              <span className="bar-track">
                {row.values.map((v, k) => (
                  <span
                    key={parts[k]}
                    className="bar"
                    title={`${parts[k]}: ${v}`}
                    style={{
                      width: `${(v / max) * 100}%`,
                      background: COLOURS[k % COLOURS.length],
                    }}
                  />
                ))}
              </span>
              <span className="bar-value">{row.values.join(" / ")}</span>
            </div>
          ))}
        </div>
      )}
      <ul className="legend">
        {parts.map((p, k) => (
          <li key={p}>
            <span style={{ background: COLOURS[k % COLOURS.length] }} /> {p}
          </li>
        ))}
      </ul>
      <DataTable head={["", ...parts]} rows={rows.map((r) => [r.label, ...r.values.map(String)])} />
    </figure>
  );
}

function DataTable({
  head,
  rows,
}: {
  head: readonly string[];
  rows: ReadonlyArray<readonly ReactNode[]>;
}) {
  return (
    <details>
      <summary>The numbers</summary>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {head.map((h, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns of a fixed table, never reordered
                <th key={`${h}-${i}`} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={String(row[0])}>
                {row.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns of a fixed table, never reordered
                  <td key={`${String(row[0])}-${i}`}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
