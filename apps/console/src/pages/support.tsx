/**
 * The support queue (P-19): questions from the portal, listed by subject (read under SUPPORT
 * with the declared reference), each opened as a ticket to read, answer, assign and close.
 * The list reads only subjects; the message and thread are read when a ticket is opened.
 */
import { SupportQueueDocument } from "@privet/client";
import { inWords } from "@privet/domain/labels";
import { formatDateTime } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useCallback, useState } from "react";
import { useQuery } from "urql";
import { usePurpose } from "../purpose.js";
import { failuresOf, redactionsOf, Value, WithheldNotice } from "../redactions.js";
import { SupportTicket, type TicketSummary } from "./support-ticket.js";

export function SupportPage() {
  const { ref } = usePurpose();
  const [open, setOpen] = useState<string | null>(null);
  // What an opened ticket showed last: the list reflects actions without reading it again.
  const [seen, setSeen] = useState<Readonly<Record<string, TicketSummary>>>({});
  const [{ data, fetching, error }] = useQuery({
    query: SupportQueueDocument,
    variables: { ref: ref || null },
  });
  const remember = useCallback(
    (summary: TicketSummary) => setSeen((before) => ({ ...before, [summary.id]: summary })),
    [],
  );
  const redactions = redactionsOf(SupportQueueDocument, error);
  if (open) return <SupportTicket id={open} onBack={() => setOpen(null)} onSeen={remember} />;
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
        <div className="table-scroll">
          <table className="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">Received</th>
                <th scope="col">State</th>
                <th scope="col">Assigned to</th>
              </tr>
            </thead>
            <tbody>
              {data.supportRequests.map((listed, i) => {
                const request = { ...listed, ...seen[listed.id] };
                return (
                  <tr key={request.id}>
                    <td data-label="Subject">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setOpen(request.id)}
                      >
                        <Value
                          value={request.subject}
                          at={["supportRequests", i, "subject"]}
                          redactions={redactions}
                        />
                      </button>
                    </td>
                    <td data-label="Received">{formatDateTime(request.createdAt)}</td>
                    <td data-label="State">{inWords(request.status)}</td>
                    <td data-label="Assigned to">
                      {request.assignee
                        ? `${request.assignee.name}${request.assignee.you ? " (you)" : ""}`
                        : "Nobody yet"}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
