/**
 * Privacy requests: the queue with jurisdiction, legal due date and days left, overdue first;
 * verify, extend (the reason goes to the customer), fulfil or reject. Names and emails are read
 * under the declared purpose.
 */
import {
  ExtendPrivacyRequestDocument,
  FulfilPrivacyRequestDocument,
  PrivacyRequestQueueDocument,
  VerifyPrivacyRequestDocument,
} from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { formatDate, humanize } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useMutation, useQuery } from "urql";
import { usePurpose } from "../purpose.js";
import { failuresOf, redactionsOf, Value } from "../redactions.js";

export function PrivacyRequestsPage() {
  const { purpose, ref } = usePurpose();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PrivacyRequestQueueDocument,
    variables: { purpose, ref: ref || null },
  });
  const [verified, verify] = useMutation(VerifyPrivacyRequestDocument);
  const [extended, extend] = useMutation(ExtendPrivacyRequestDocument);
  const [fulfilled, fulfil] = useMutation(FulfilPrivacyRequestDocument);
  const redactions = redactionsOf(error);
  const actionError = formErrorOf(verified.error ?? extended.error ?? fulfilled.error);
  const reload = () => refetch({ requestPolicy: "network-only" });
  if (fetching && !data) return <Loading what="the request queue" />;
  return (
    <>
      <h1>Privacy requests</h1>
      {failuresOf(error).map((m) => (
        <ErrorNotice key={m}>{m}</ErrorNotice>
      ))}
      {actionError && <ErrorNotice>{actionError.message}</ErrorNotice>}
      {!data || data.privacyRequestQueue.length === 0 ? (
        <Empty>No requests.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Customer</th>
                <th scope="col">Jurisdiction</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.privacyRequestQueue.map((r, i) => (
                <tr key={r.id} data-overdue={r.overdue ? "true" : undefined}>
                  <td>
                    {humanize(r.kind)} · received {formatDate(r.receivedAt)}
                  </td>
                  <td>
                    <Value
                      value={r.customerName}
                      path={`privacyRequestQueue.${i}.customerName`}
                      redactions={redactions}
                    />
                    <br />
                    <Value
                      value={r.customerEmail}
                      path={`privacyRequestQueue.${i}.customerEmail`}
                      redactions={redactions}
                    />
                  </td>
                  <td>{r.jurisdiction}</td>
                  <td className={r.overdue ? "redacted" : undefined}>
                    {formatDate(r.dueAt)}
                    {r.daysLeft !== null &&
                      ` (${r.daysLeft >= 0 ? `${r.daysLeft} days left` : `${-r.daysLeft} days overdue`})`}
                    {r.extendedAt && " · extended"}
                  </td>
                  <td>{humanize(r.status)}</td>
                  <td className="actions">
                    {r.status === "RECEIVED" && (
                      <button
                        type="button"
                        onClick={async () => {
                          await verify({ id: r.id });
                          reload();
                        }}
                      >
                        Verify
                      </button>
                    )}
                    {!r.extendedAt && r.status !== "FULFILLED" && r.status !== "REJECTED" && (
                      <button
                        type="button"
                        className="secondary"
                        onClick={async () => {
                          const reason = window.prompt(
                            "Why do you need more time? The customer will read this.",
                          );
                          if (reason) {
                            await extend({ id: r.id, reason });
                            reload();
                          }
                        }}
                      >
                        Extend
                      </button>
                    )}
                    {(r.status === "VERIFIED" || r.status === "IN_PROGRESS") && (
                      <button
                        type="button"
                        onClick={async () => {
                          await fulfil({ id: r.id, note: null });
                          reload();
                        }}
                      >
                        Fulfil
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
