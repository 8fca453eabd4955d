/**
 * A signed-in customer's questions to support, each with the answers staff sent (P-19): the
 * same answers arrive by email, and here they stay readable in the account.
 */
import { MySupportRequestsDocument } from "@privet/client";
import { formatDateTime } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useQuery } from "urql";

/** Where a question stands, as the customer would say it. */
const STATUS_WORDS = {
  OPEN: "Waiting for an answer",
  ANSWERED: "Answered",
  CLOSED: "Closed",
} as const;

/** A question sent from the form above answers as a receipt: it makes the list stale. */
const CONTEXT = { additionalTypenames: ["SupportRequestReceipt"] };

export function MyQuestions() {
  const [{ data, fetching, error }] = useQuery({
    query: MySupportRequestsDocument,
    context: CONTEXT,
  });
  if (fetching && !data) return <Loading what="your questions" />;
  if (error) return <ErrorNotice>We could not load your questions. Please try again.</ErrorNotice>;
  const questions = data?.mySupportRequests ?? [];
  if (questions.length === 0) return <Empty>You have not asked us anything yet.</Empty>;
  return (
    <ul className="cards questions">
      {questions.map((q) => (
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
  );
}
