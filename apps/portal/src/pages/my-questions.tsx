/**
 * A signed-in customer's questions to support, each with the answers staff sent (P-19): the
 * same answers arrive by email, and here they stay readable in the account.
 *
 * Left open, the list keeps itself current without a reload: it asks the API again when the
 * tab comes back into view or regains focus, and every minute while a question waits for an
 * answer and the tab is visible (never in a hidden tab). An answer that arrives this way is
 * announced in a polite live region ("New answer to …"), so a screen reader hears it too.
 */
import { MySupportRequestsDocument } from "@privet/client";
import { formatDateTime } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useCallback, useEffect, useRef, useState } from "react";
import { useQuery } from "urql";

/** Where a question stands, as the customer would say it. */
const STATUS_WORDS = {
  OPEN: "Waiting for an answer",
  ANSWERED: "Answered",
  CLOSED: "Closed",
} as const;

/** A question sent from the form above answers as a receipt: it makes the list stale. */
const CONTEXT = { additionalTypenames: ["SupportRequestReceipt"] };

/** How often the list is asked again while a question waits for an answer: modest, not tight. */
export const WAITING_REFRESH_MS = 60_000;
/** Focus and visibility often arrive together: one refresh for both. */
const REFRESH_AT_MOST_EVERY_MS = 5_000;

export function MyQuestions() {
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: MySupportRequestsDocument,
    context: CONTEXT,
  });
  const questions = data?.mySupportRequests;
  const waiting = questions?.some((q) => q.status === "OPEN") ?? false;

  const lastRefresh = useRef(0);
  const refresh = useCallback(() => {
    if (document.visibilityState === "hidden") return;
    const now = Date.now();
    if (now - lastRefresh.current < REFRESH_AT_MOST_EVERY_MS) return;
    lastRefresh.current = now;
    reexecute({ requestPolicy: "network-only" });
  }, [reexecute]);

  useEffect(() => {
    window.addEventListener("focus", refresh);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      window.removeEventListener("focus", refresh);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [refresh]);

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(refresh, WAITING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [waiting, refresh]);

  const newAnswer = useNewAnswerNotice(questions);

  if (fetching && !data) return <Loading what="your questions" />;
  if (error && !data) {
    return <ErrorNotice>We could not load your questions. Please try again.</ErrorNotice>;
  }
  const list = questions ?? [];
  return (
    <>
      <div role="status" aria-live="polite" data-testid="new-answer">
        {newAnswer && <p className="notice">{newAnswer}</p>}
      </div>
      {list.length === 0 ? (
        <Empty>You have not asked us anything yet.</Empty>
      ) : (
        <ul className="cards questions">
          {list.map((q) => (
            <li key={q.id} className="card" aria-labelledby={`question-${q.id}`}>
              <h3 id={`question-${q.id}`}>{q.subject}</h3>
              <p className="status">
                Asked {formatDateTime(q.createdAt)} · {STATUS_WORDS[q.status]}
              </p>
              <p className="message">{q.message}</p>
              {q.replies.length > 0 && (
                <ol className="answers" aria-label="Our answers">
                  {q.replies.map((r) => (
                    <li key={r.id}>
                      <p className="status">Our answer · {formatDateTime(r.createdAt)}</p>
                      <p className="message">{r.body}</p>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

type Question = {
  readonly subject?: string | null;
  readonly replies: ReadonlyArray<{ readonly id: string }>;
};

/**
 * What to announce when answers appear that were not there at the last load: nothing on the
 * first load (the page itself says what is there), then "New answer to …" until the next one.
 */
function useNewAnswerNotice(questions: readonly Question[] | undefined): string | null {
  const seen = useRef<Set<string> | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!questions) return;
    const before = seen.current;
    seen.current = new Set(questions.flatMap((q) => q.replies.map((r) => r.id)));
    if (!before) return;
    const answered = questions.filter((q) => q.replies.some((r) => !before.has(r.id)));
    if (answered.length === 0) return;
    const [only] = answered;
    setNotice(
      answered.length === 1 && only?.subject
        ? `New answer to “${only.subject}”.`
        : "New answers to your questions.",
    );
  }, [questions]);
  return notice;
}
