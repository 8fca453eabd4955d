/**
 * Privacy requests: the queue with jurisdiction, legal due date and days left, overdue first;
 * verify, start, extend (the reason goes to the customer), fulfil or reject (privacy-request-
 * actions.tsx). Closed requests on demand, with what was done. Names, emails and what the
 * customer wrote are read under the declared purpose.
 */
import { PrivacyRequestQueueDocument, type PrivacyRequestStatus } from "@privet/client";
import { humanize } from "@privet/domain/labels";
import { formatDate } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useState } from "react";
import { useQuery } from "urql";
import { usePurpose } from "../purpose.js";
import { failuresOf, redactionsOf, Value, WithheldNotice } from "../redactions.js";
import { PrivacyRequestActions } from "./privacy-request-actions.js";
import { RequestOutcome } from "./privacy-request-outcome.js";

const SHOWN: ReadonlyArray<[PrivacyRequestStatus | "", string]> = [
  ["", "Open requests"],
  ["IN_PROGRESS", "In progress"],
  ["FULFILLED", "Fulfilled"],
  ["REJECTED", "Rejected"],
];

export function PrivacyRequestsPage() {
  const { purpose, ref } = usePurpose();
  const [status, setStatus] = useState<PrivacyRequestStatus | "">("");
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PrivacyRequestQueueDocument,
    variables: { purpose, ref: ref || null, status: status || null },
  });
  const redactions = redactionsOf(PrivacyRequestQueueDocument, error);
  const reload = () => refetch({ requestPolicy: "network-only" });
  if (fetching && !data) return <Loading what="the request queue" />;
  return (
    <>
      <h1>Privacy requests</h1>
      {failuresOf(error).map((m) => (
        <ErrorNotice key={m}>{m}</ErrorNotice>
      ))}
      <WithheldNotice redactions={redactions} />
      <label className="inline-field">
        Show{" "}
        <select
          value={status}
          onChange={(event) => setStatus(event.target.value as PrivacyRequestStatus | "")}
        >
          {SHOWN.map(([value, label]) => (
            <option key={label} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {!data ? null : data.privacyRequestQueue.length === 0 ? (
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
                    {(r.details || redactions.has(["privacyRequestQueue", i, "details"])) && (
                      <blockquote>
                        <Value
                          value={r.details}
                          at={["privacyRequestQueue", i, "details"]}
                          redactions={redactions}
                        />
                      </blockquote>
                    )}
                  </td>
                  <td>
                    <Value
                      value={r.customerName}
                      at={["privacyRequestQueue", i, "customerName"]}
                      redactions={redactions}
                    />
                    <br />
                    <Value
                      value={r.customerEmail}
                      at={["privacyRequestQueue", i, "customerEmail"]}
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
                    <PrivacyRequestActions request={r} onChanged={reload} />
                    {r.outcome ? (
                      <RequestOutcome outcome={r.outcome} />
                    ) : (
                      redactions.has(["privacyRequestQueue", i, "outcome"]) && (
                        <Value
                          value={null}
                          at={["privacyRequestQueue", i, "outcome"]}
                          redactions={redactions}
                        />
                      )
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
