/**
 * Renders the policy's Markdown subset (headings, paragraphs, lists, block quotes, **bold**,
 * _italic_, links) as React elements — never as HTML strings, so nothing in a policy text
 * can inject markup. External links go through ExternalLink (P-14).
 */
import type { ReactNode } from "react";
import { Link } from "../router.js";
import { ExternalLink, isExternal } from "./external-link.js";

const INLINE = /\*\*(.+?)\*\*|(?<![\w*])[_*](.+?)[_*](?![\w*])|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const k = `${key}.${n++}`;
    const [, bold, italic, label, href] = match;
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
        if (lines.every((line) => /^\s*[-*]\s+/.test(line))) {
          return (
            <ul key={key}>
              {lines.map((line, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static policy text, never reordered
                <li key={`${key}.${j}`}>
                  {inline(line.replace(/^\s*[-*]\s+/, ""), `${key}.${j}`)}
                </li>
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
