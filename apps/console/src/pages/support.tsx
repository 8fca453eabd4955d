/** The support queue (P-19): questions from the portal, read under SUPPORT with a ticket reference. */
import { SupportQueueDocument } from "@privet/client";
import { inWords } from "@privet/domain/labels";
import { formatDateTime } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useQuery } from "urql";
import { usePurpose } from "../purpose.js";
import { failuresOf, redactionsOf, Value, WithheldNotice } from "../redactions.js";

export function SupportPage() {
  const { ref } = usePurpose();
  const [{ data, fetching, error }] = useQuery({
    query: SupportQueueDocument,
    variables: { ref: ref || null },
  });
  const redactions = redactionsOf(SupportQueueDocument, error);
  if (fetching && !data) return <Loading what="the support queue" />;
  return (
    <>
      <h1>Support queue</h1>
      <p className="status">Read under support{ref && ` (ref. ${ref})`}.</p>
      {failuresOf(error).map((m) => (
        <ErrorNotice key={m}>{m}</ErrorNotice>
      ))}
      <WithheldNotice redactions={redactions} />
      {!data ? null : data.supportRequests.length === 0 ? (
        <Empty>No questions waiting.</Empty>
      ) : (
        <ul className="cards">
          {data.supportRequests.map((request, i) => (
            <li key={request.id} className="card">
              <h2>
                <Value
                  value={request.subject}
                  at={["supportRequests", i, "subject"]}
                  redactions={redactions}
                />
              </h2>
              <p className="status">
                {formatDateTime(request.createdAt)} · {inWords(request.status)}
              </p>
              <p>
                <Value
                  value={request.message}
                  at={["supportRequests", i, "message"]}
                  redactions={redactions}
                />
              </p>
              <p>
                Reply to:{" "}
                {request.customer ? (
                  "the customer's account email"
                ) : (
                  <Value
                    value={request.replyTo}
                    at={["supportRequests", i, "replyTo"]}
                    redactions={redactions}
                  />
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
