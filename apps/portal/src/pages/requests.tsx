/**
 * My requests: ask for a copy of my data, its deletion or correction, or a stop to sharing,
 * and follow each request's status and legal due date (the law of the customer's
 * jurisdiction decides it: GDPR one month, CCPA 45 days).
 */
import {
  MyRequestsDocument,
  type MyRequestsQuery,
  type PrivacyRequestKind,
  SubmitPrivacyRequestDocument,
} from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { formatDate } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading, Notice } from "@privet/ui/states";
import { TableScroll } from "@privet/ui/table-scroll";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ExportButton } from "./export-button.js";
import { RequireSignIn } from "./require-sign-in.js";

export const REQUEST_KINDS: ReadonlyArray<{
  kind: PrivacyRequestKind;
  label: string;
  help: string;
}> = [
  { kind: "ACCESS", label: "A copy of my data", help: "We send you everything we hold about you." },
  {
    kind: "DELETION",
    label: "Delete my data",
    help: "We erase your data, except what the law makes us keep — and we tell you what and why.",
  },
  {
    kind: "CORRECTION",
    label: "Correct my data",
    help: "Tell us what is wrong and what it should say.",
  },
  {
    kind: "STOP_SHARING",
    label: "Stop sharing my data",
    help: "We stop sharing your data with our advertising partner.",
  },
];

const STATUS_WORDS: Record<string, string> = {
  RECEIVED: "Received",
  VERIFIED: "Identity checked",
  IN_PROGRESS: "In progress",
  FULFILLED: "Done",
  REJECTED: "Declined",
};

export function RequestsPage() {
  return (
    <RequireSignIn>
      <Requests />
    </RequireSignIn>
  );
}

export function Requests() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: MyRequestsDocument });
  const [sent, submit] = useMutation(SubmitPrivacyRequestDocument);
  const [kind, setKind] = useState<PrivacyRequestKind | "">("");
  const [kindError, setKindError] = useState<string | null>(null);
  const failure = formErrorOf(sent.error);

  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (!kind) {
      setKindError("Choose what you would like us to do.");
      return;
    }
    setKindError(null);
    const details = String(new FormData(form).get("details") ?? "").trim();
    const result = await submit({ input: { kind, details: details || null } });
    if (!result.error) {
      form.reset();
      setKind("");
      refetch({ requestPolicy: "network-only" });
    }
  };

  if (!data && fetching) return <Loading what="your requests" />;
  const requests = data?.me?.privacyRequests;
  if (!requests)
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "We could not load your requests."}</ErrorNotice>
    );

  return (
    <>
      <h1>My requests</h1>
      <p>
        You can download a copy of your data right now, or ask us to act on it. The law gives us a
        deadline for each request; you can follow it here.
      </p>
      <ExportButton />
      <form onSubmit={send} noValidate aria-labelledby="new-request-title">
        <h2 id="new-request-title">Make a request</h2>
        <fieldset aria-describedby={kindError ? "kind-error" : undefined}>
          <legend>What would you like us to do?</legend>
          {REQUEST_KINDS.map((option) => (
            <label key={option.kind} className="checkbox">
              <input
                type="radio"
                name="kind"
                value={option.kind}
                checked={kind === option.kind}
                onChange={() => setKind(option.kind)}
              />
              <span>
                <strong>{option.label}</strong> — {option.help}
              </span>
            </label>
          ))}
          {kindError && (
            <p className="field-error" id="kind-error">
              {kindError}
            </p>
          )}
        </fieldset>
        <div className={failure?.field === "details" ? "field field-invalid" : "field"}>
          <label htmlFor="details">Details (optional)</label>
          <textarea
            id="details"
            name="details"
            rows={4}
            maxLength={2000}
            aria-invalid={failure?.field === "details" ? true : undefined}
            aria-describedby={failure?.field === "details" ? "details-error" : undefined}
          />
          {failure?.field === "details" && (
            <p className="field-error" id="details-error">
              {failure.message}
            </p>
          )}
        </div>
        {failure && failure.field !== "details" && <ErrorNotice>{failure.message}</ErrorNotice>}
        {sent.data && (
          <Notice>
            <p>
              We received your request. We will answer by{" "}
              {formatDate(sent.data.submitPrivacyRequest.dueAt)}.
            </p>
          </Notice>
        )}
        <button type="submit" disabled={sent.fetching}>
          Send request
        </button>
      </form>
      <RequestList requests={requests} />
    </>
  );
}

type Request = NonNullable<NonNullable<MyRequestsQuery["me"]>["privacyRequests"]>[number];

function RequestList({ requests }: { requests: readonly Request[] }) {
  return (
    <section aria-labelledby="my-requests-title">
      <h2 id="my-requests-title">Your requests</h2>
      {requests.length === 0 ? (
        <Empty>You have not made any requests.</Empty>
      ) : (
        <TableScroll label="Your requests">
          <table>
            <caption className="visually-hidden">Your requests, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Received</th>
                <th scope="col">Status</th>
                <th scope="col">Due by</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id} data-kind={request.kind}>
                  <td>
                    {REQUEST_KINDS.find((k) => k.kind === request.kind)?.label ?? request.kind}
                  </td>
                  <td>{formatDate(request.receivedAt)}</td>
                  <td>{STATUS_WORDS[request.status] ?? request.status}</td>
                  <td>
                    {formatDate(request.dueAt)}
                    {request.daysLeft !== null && (
                      <span className="status">
                        {" "}
                        (
                        {request.daysLeft >= 0
                          ? `${request.daysLeft} days left`
                          : `${-request.daysLeft} days overdue`}
                        )
                      </span>
                    )}
                    {request.extendedAt && <span className="status"> — extended</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
