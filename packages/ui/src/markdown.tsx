/**
 * Renders the policy's Markdown subset (headings, paragraphs, bulleted and numbered lists, block
 * quotes, tables with a header row, **bold**, _italic_, `code`, links) as React elements — never as HTML strings, so nothing in a policy text
 * can inject markup. External links go through ExternalLink (P-14).
 */

import type { ReactNode } from "react";
import { ExternalLink, isExternal } from "./external-link.js";
import { Link } from "./router.js";

// Italic closes on the same mark it opened with, so an "_" inside a link's URL cannot close it.
// Code comes first: what is inside backticks is shown as it is, never parsed further.
const INLINE =
  /`([^`]+)`|\*\*(.+?)\*\*|(?<![\w*])([_*])(.+?)\3(?![\w*])|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const k = `${key}.${n++}`;
    const [, code, bold, , italic, label, href] = match;
    if (code !== undefined) out.push(<code key={k}>{code}</code>);
    else if (bold !== undefined) out.push(<strong key={k}>{inline(bold, k)}</strong>);
    else if (italic !== undefined) out.push(<em key={k}>{inline(italic, k)}</em>);
    else if (label !== undefined && href !== undefined) {
      if (isExternal(href))
        out.push(
          <ExternalLink key={k} href={href}>
            {label}
          </ExternalLink>,
        );
      else if (href.startsWith("/"))
        out.push(
          <Link key={k} href={href}>
            {label}
          </Link>,
        );
      else if (href.startsWith("mailto:"))
        out.push(
          <a key={k} href={href}>
            {label}
          </a>,
        );
      else out.push(label);
    }
    last = at + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const BULLET = /^\s*[-*]\s+/;
const NUMBER = /^\s*(\d{1,9})[.)]\s+/;

/**
 * A block's list items (continuation lines are indented), or null if it is not a list of
 * that kind.
 */
function listItems(lines: readonly string[], marker: RegExp): string[] | null {
  if (!marker.test(lines[0] ?? "")) return null;
  const items: string[] = [];
  for (const line of lines) {
    if (marker.test(line)) items.push(line.replace(marker, ""));
    else if (/^\s+\S/.test(line) && items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
    else return null;
  }
  return items;
}

const TABLE_ROW = /^\|.*\|$/;
const TABLE_RULE = /^\|(\s*:?-{3,}:?\s*\|)+$/;

function cells(line: string): string[] {
  return line
    .slice(1, -1)
    .split("|")
    .map((cell) => cell.trim());
}

/** A table: a header row, a rule row (|---|), then body rows; null if the block is not one. */
function tableRows(lines: readonly string[]): { head: string[]; body: string[][] } | null {
  if (lines.length < 2 || !lines.every((line) => TABLE_ROW.test(line.trim()))) return null;
  if (!TABLE_RULE.test((lines[1] ?? "").replace(/\s+/g, ""))) return null;
  const [head = "", , ...body] = lines.map((line) => line.trim());
  return { head: cells(head), body: body.map(cells) };
}

export function Markdown({ source }: { source: string }) {
  const blocks = source.replace(/\r\n/g, "\n").split(/\n{2,}/);
  return (
    <div className="prose">
      {blocks.map((block, i) => {
        // A policy text is static: its blocks never reorder, so their position is their identity.
        const key = `b${i}`;
        const lines = block.split("\n").map((line) => line.trimEnd());
        const heading = /^(#{1,6})\s+(.*)$/.exec(lines[0] ?? "");
        if (heading && lines.length === 1) {
          // Page headings are h1; policy headings start at h2.
          const level = Math.min(6, (heading[1]?.length ?? 1) + 1);
          const Tag = `h${level}` as "h2";
          return <Tag key={key}>{inline(heading[2] ?? "", key)}</Tag>;
        }
        const table = tableRows(lines);
        if (table) {
          return (
            <table key={key}>
              <thead>
                <tr>
                  {table.head.map((cell, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: static policy text, never reordered
                    <th key={`${key}.h${j}`} scope="col">
                      {inline(cell, `${key}.h${j}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.body.map((row, r) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static policy text, never reordered
                  <tr key={`${key}.r${r}`}>
                    {table.head.map((_, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: static policy text, never reordered
                      <td key={`${key}.r${r}.${j}`}>{inline(row[j] ?? "", `${key}.r${r}.${j}`)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }
        const numbered = listItems(lines, NUMBER);
        if (numbered) {
          const start = Number(NUMBER.exec(lines[0] ?? "")?.[1] ?? 1);
          return (
            <ol key={key} start={start === 1 ? undefined : start}>
              {numbered.map((item, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static policy text, never reordered
                <li key={`${key}.${j}`}>{inline(item, `${key}.${j}`)}</li>
              ))}
            </ol>
          );
        }
        const items = listItems(lines, BULLET);
        if (items) {
          return (
            <ul key={key}>
              {items.map((item, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static policy text, never reordered
                <li key={`${key}.${j}`}>{inline(item, `${key}.${j}`)}</li>
              ))}
            </ul>
          );
        }
        if (lines.every((line) => line.startsWith(">"))) {
          const text = lines.map((line) => line.replace(/^>\s?/, "")).join(" ");
          return <blockquote key={key}>{inline(text, key)}</blockquote>;
        }
        return <p key={key}>{inline(lines.join(" "), key)}</p>;
      })}
    </div>
  );
}
