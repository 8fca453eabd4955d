/**
 * A wide table's frame: on a narrow screen it scrolls sideways. A region that scrolls must be
 * reachable by keyboard (WCAG 2.1.1; axe's scrollable-region-focusable), so it takes focus and
 * is named, for the screen reader that lands on it, after what it holds.
 */
import type { ReactNode } from "react";

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A named <section> is a region landmark.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to be scrolled by keyboard.
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
