/**
 * A link that leaves Privet (P-14): marked as external in words a screen reader says too,
 * opened in a new tab with rel="noopener noreferrer" so the other site can neither script
 * this page nor learn which page sent the visitor.
 */
import type { ReactNode } from "react";

export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="external"
      data-external="true"
    >
      {children}
      <span className="external-mark" aria-hidden="true">
        {" "}
        ↗
      </span>
      <span className="visually-hidden"> (external site, opens in a new tab)</span>
    </a>
  );
}

export function isExternal(href: string): boolean {
  return /^https?:\/\//i.test(href) && !href.startsWith(window.location.origin);
}
