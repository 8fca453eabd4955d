/**
 * Renders the policy's Markdown subset (headings, paragraphs, lists, block quotes, **bold**,
 * _italic_, links) as React elements — never as HTML strings, so nothing in a policy text
 * can inject markup. External links go through ExternalLink (P-14).
 */

import type { ReactNode } from "react";
import { ExternalLink, isExternal } from "./external-link.js";
import { Link } from "./router.js";

// Italic closes on the same mark it opened with, so an "_" inside a link's URL cannot close it.
const INLINE = /\*\*(.+?)\*\*|(?<![\w*])([_*])(.+?)\2(?![\w*])|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const k = `${key}.${n++}`;
    const [, bold, , italic, label, href] = match;
    if (bold !== undefined) out.push(<strong key={k}>{inline(bold, k)}</strong>);
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

const ITEM = /^\s*[-*]\s+/;

/** A block's list items (continuation lines are indented), or null if it is not a list. */
function listItems(lines: readonly string[]): string[] | null {
  if (!ITEM.test(lines[0] ?? "")) return null;
  const items: string[] = [];
  for (const line of lines) {
    if (ITEM.test(line)) items.push(line.replace(ITEM, ""));
    else if (/^\s+\S/.test(line) && items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
    else return null;
  }
  return items;
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
        const items = listItems(lines);
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
