/**
 * "Show older entries" under a history list (an access log): the page's own query brings the
 * newest page; each press asks for the next page by its keyset cursor and appends it, so a
 * page costs the API the same however long the history, and nothing already shown moves.
 * Loading and failure are said in words and announced; when the oldest entry is shown the
 * button gives way to a sentence saying so, which takes the focus the button had.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { ErrorNotice } from "./states.js";

export interface HistoryPage<T> {
  readonly nodes: readonly T[];
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
}

/** The next page, or what went wrong in words. */
export type OlderPage<T> = { readonly page: HistoryPage<T> } | { readonly error: string };

export interface OlderPages<T> {
  /** The first page's entries, then every older page shown so far. */
  readonly entries: readonly T[];
  readonly hasOlder: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  /** Whether an older page has been appended (the end message is shown only then). */
  readonly pagedFurther: boolean;
  readonly showOlder: () => void;
}

interface Appended<T> {
  readonly older: readonly T[];
  readonly after: string | null;
  readonly hasOlder: boolean;
}

/**
 * `first` is the newest page, from the page's own query; a new first page (a refetch, another
 * purpose) starts the list again from it.
 */
export function useOlderPages<T extends { readonly id: string }>(
  first: HistoryPage<T> | null | undefined,
  loadOlder: (after: string) => Promise<OlderPage<T>>,
  further: Further = "older",
): OlderPages<T> {
  const [appended, setAppended] = useState<Appended<T> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Answers for an earlier first page are dropped, not appended to a newer one.
  const generation = useRef(0);
  // A layout effect, not a passive one: it runs as the new first page is committed, before any
  // click can reach the button. A passive effect may run after such a click, and then counted
  // that click's answer as one for the earlier first page and dropped it (the button came back
  // and an error was never shown: seen under load in the component tests).
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset exactly when the first page changes
  useLayoutEffect(() => {
    generation.current += 1;
    setAppended(null);
    setLoading(false);
    setError(null);
  }, [first]);

  const after = appended ? appended.after : (first?.pageInfo.endCursor ?? null);
  const hasOlder = appended ? appended.hasOlder : (first?.pageInfo.hasNextPage ?? false);
  const showOlder = useCallback(() => {
    if (!after || loading) return;
    const asked = generation.current;
    setLoading(true);
    setError(null);
    loadOlder(after).then(
      (answer) => {
        if (asked !== generation.current) return;
        setLoading(false);
        if ("error" in answer) return setError(answer.error);
        const { nodes, pageInfo } = answer.page;
        setAppended((previous) => ({
          older: [...(previous?.older ?? []), ...nodes],
          after: pageInfo.endCursor,
          hasOlder: pageInfo.hasNextPage && pageInfo.endCursor !== null,
        }));
      },
      () => {
        if (asked !== generation.current) return;
        setLoading(false);
        setError(`We could not load ${further} entries. Please try again.`);
      },
    );
  }, [after, loading, loadOlder, further]);

  const entries = appended ? [...(first?.nodes ?? []), ...appended.older] : (first?.nodes ?? []);
  return { entries, hasOlder, loading, error, pagedFurther: appended !== null, showOlder };
}

/**
 * Which way the next page goes: "older" for a list read newest first, "newer" for one read
 * oldest first (the button then says "Show newer …").
 */
export type Further = "older" | "newer";

/** The button (or the end of the history), its loading state and its errors. */
export function ShowOlder<T>({
  pages,
  noun,
  further = "older",
}: {
  pages: OlderPages<T>;
  noun: string;
  further?: Further;
}) {
  const end = useRef<HTMLParagraphElement>(null);
  const hadButton = useRef(false);
  useEffect(() => {
    // The button is gone once the oldest entry is shown: its focus moves to the sentence
    // that replaces it rather than to the top of the page.
    if (hadButton.current && !pages.hasOlder && document.activeElement === document.body) {
      end.current?.focus();
    }
    hadButton.current = pages.hasOlder;
  }, [pages.hasOlder]);
  return (
    <div className="show-older">
      {pages.hasOlder ? (
        <button
          type="button"
          onClick={pages.showOlder}
          disabled={pages.loading}
          aria-busy={pages.loading}
        >
          {pages.loading ? `Loading ${further} ${noun}…` : `Show ${further} ${noun}`}
        </button>
      ) : (
        pages.pagedFurther && (
          <p ref={end} tabIndex={-1} className="end-of-history">
            That is everything: there are no {further} {noun}.
          </p>
        )
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {pages.loading
          ? `Loading ${further} ${noun}.`
          : pages.pagedFurther
            ? `Showing ${pages.entries.length} ${noun}.`
            : ""}
      </p>
      {pages.error && <ErrorNotice>{pages.error}</ErrorNotice>}
    </div>
  );
}
