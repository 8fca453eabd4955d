/**
 * The arguments the staff action log keeps for an action (ids, enum values, numbers, booleans
 * and dates, as JSON text), in words: "Customer 0195…ada1 · Reason Malfunction", each field
 * named by @privet/domain/labels, constants as labels, dates as dates, ids whole.
 */
import { humanize, inputFieldLabel } from "@privet/domain/labels";
import { formatDateTime } from "@privet/ui/format";
import type { ReactNode } from "react";

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONSTANT = /^[A-Z][A-Z0-9_]*$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function valueInWords(value: unknown): ReactNode {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) {
    return value.map((item, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
      <span key={i}>
        {i > 0 && ", "}
        {valueInWords(item)}
      </span>
    ));
  }
  if (typeof value === "string") {
    if (ID.test(value)) return <code>{value}</code>;
    if (CONSTANT.test(value)) return humanize(value);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
    return value;
  }
  return String(value);
}

/** Nested inputs flattened: `{ input: { reason } }` reads as "Reason", not "Input: Reason". */
function flatten(value: unknown): Array<[string, unknown]> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? flatten(inner)
      : [[key, inner] as [string, unknown]],
  );
}

export function ActionArguments({ json }: { json: string }) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return <code>{json}</code>;
  }
  const fields = flatten(parsed);
  if (fields.length === 0) return <>—</>;
  return (
    <dl className="arguments">
      {fields.map(([key, value]) => (
        <div key={key}>
          <dt>{inputFieldLabel(key)}</dt>
          <dd>{valueInWords(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
