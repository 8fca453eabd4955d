/**
 * Privacy requests: the queue with jurisdiction, legal due date and days left (or overdue) in
 * words, filtered by state and sorted by due date; verify, start, extend (the reason goes to the
 * customer), fulfil or reject (privacy-request-actions.tsx).
 *
 * No audit noise: the list reads no personal field (and needs no declared purpose), so listing, filtering, refreshing and acting
 * on requests add nothing to any customer's access log. Customers are shown by their id (a
 * non-personal handle). Who asked, what they wrote and what was done are read when the member
 * opens that one request, under the declaration in force then, once: closing and opening it
 * again shows what was read, and only an action on that request reads it again.
 */
import {
  PrivacyRequestOpenedDocument,
  type PrivacyRequestOpenedQuery,
  PrivacyRequestQueueDocument,
  type PrivacyRequestQueueQuery,
  type PrivacyRequestStatus,
} from "@privet/client";
import { humanize } from "@privet/domain/labels";
import { formatDate } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useEffect, useState } from "react";
import { type UseQueryState, useQuery } from "urql";
import { type Declaration, sayDeclaration, useLatestDeclaration } from "../purpose.js";
import { failuresOf, redactionsOf, Value, WithheldNotice } from "../redactions.js";
import { PrivacyRequestActions } from "./privacy-request-actions.js";
import { RequestOutcome } from "./privacy-request-outcome.js";

type QueueItem = PrivacyRequestQueueQuery["privacyRequestQueue"][number];

const SHOWN: ReadonlyArray<[PrivacyRequestStatus | "", string]> = [
  ["", "Open requests"],
  ["RECEIVED", "Received (to verify)"],
  ["VERIFIED", "Verified (to start)"],
  ["IN_PROGRESS", "In progress"],
  ["FULFILLED", "Fulfilled"],
  ["REJECTED", "Rejected"],
];

type Order = "soonest" | "latest";

/** "5 days left", "due today", "3 days overdue"; closed requests have no clock. */
export function dueInWords(item: Pick<QueueItem, "daysLeft">): string | null {
  const left = item.daysLeft;
  if (left === null || left === undefined) return null;
  if (left === 0) return "due today";
  const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;
  return left > 0 ? `${days(left)} left` : `${days(-left)} overdue`;
}

export function PrivacyRequestsPage() {
  const [status, setStatus] = useState<PrivacyRequestStatus | "">("");
  const [order, setOrder] = useState<Order>("soonest");
  const [opened, setOpenedRequests] = useState<Opened>({});
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PrivacyRequestQueueDocument,
    variables: { status: status || null },
  });
  const reload = () => refetch({ requestPolicy: "network-only" });
  if (fetching && !data) return <Loading what="the request queue" />;
  const items = [...(data?.privacyRequestQueue ?? [])];
  // The API lists overdue first, then by due date: "soonest" is its order, "latest" the reverse.
  if (order === "latest") items.reverse();
  return (
    <>
      <h1>Privacy requests</h1>
      {failuresOf(error).map((m) => (
        <ErrorNotice key={m}>{m}</ErrorNotice>
      ))}
      <div className="inline-form">
        <label>
          Show
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
        <label>
          Sort by due date
          <select value={order} onChange={(event) => setOrder(event.target.value as Order)}>
            <option value="soonest">Overdue and soonest due first</option>
            <option value="latest">Latest due first</option>
          </select>
        </label>
        <button type="button" className="secondary" onClick={reload}>
          Refresh
        </button>
      </div>
      {!data ? null : items.length === 0 ? (
        <Empty>No requests.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="request-queue">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Customer</th>
                <th scope="col">Jurisdiction</th>
                <th scope="col">Due</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <QueueRow
                  key={r.id}
                  request={r}
                  opened={opened[r.id]}
                  setOpened={(change) =>
                    setOpenedRequests((all) => ({ ...all, [r.id]: change(all[r.id]) }))
                  }
                  onChanged={reload}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/**
 * What the member opened, kept by the page so that a filter or a refresh, which re-creates the
 * rows, neither closes a request nor reads it again: per request, the declaration it was read
 * under, whether it is shown, and what was read (until an action on it).
 */
interface OpenedState {
  readonly under: Declaration;
  readonly shown: boolean;
  readonly read?: OpenedResult;
}
type OpenedResult = Pick<UseQueryState<PrivacyRequestOpenedQuery>, "data" | "error">;
type Opened = Readonly<Record<string, OpenedState>>;

function QueueRow({
  request: r,
  opened,
  setOpened,
  onChanged,
}: {
  readonly request: QueueItem;
  readonly opened: OpenedState | undefined;
  readonly setOpened: (change: (state: OpenedState | undefined) => OpenedState) => void;
  readonly onChanged: () => void;
}) {
  const latest = useLatestDeclaration();
  const shown = opened?.shown ?? false;
  const due = dueInWords(r);
  const what = `${humanize(r.kind)} request received ${formatDate(r.receivedAt)}`;
  return (
    <tr data-overdue={r.overdue ? "true" : undefined}>
      <td>
        {humanize(r.kind)} · received {formatDate(r.receivedAt)}
        <br />
        {opened || latest ? (
          <button
            type="button"
            className="link-button"
            aria-expanded={shown}
            aria-label={`${shown ? "Close" : "Open"} the ${what}`}
            onClick={() =>
              // Opened under the declaration in force now; reopened, it shows what was read then.
              setOpened((state) => {
                const under = state?.under ?? latest;
                if (!under) throw new Error("opened with nothing declared");
                return { under, shown: !shown, read: state?.read };
              })
            }
          >
            {shown ? "Close" : "Open: who asked and what was done"}
          </button>
        ) : (
          <span className="hint">Declare a purpose above to open it.</span>
        )}
        {opened && (
          <div hidden={!shown}>
            <OpenedRequest
              id={r.id}
              under={opened.under}
              read={opened.read}
              onRead={(read) => setOpened((state) => ({ ...(state ?? opened), read }))}
            />
          </div>
        )}
      </td>
      <td>
        Customer <code className="customer-handle">{r.customerId}</code>
      </td>
      <td>{r.jurisdiction}</td>
      <td className={r.overdue ? "overdue" : undefined}>
        {formatDate(r.dueAt)}
        {due && (
          <>
            <br />
            <strong>{due}</strong>
          </>
        )}
        {r.extendedAt && <br />}
        {r.extendedAt && "extended once"}
      </td>
      <td>
        {humanize(r.status)}
        {r.fulfilledAt && ` ${formatDate(r.fulfilledAt)}`}
      </td>
      <td className="actions">
        {latest ? (
          <PrivacyRequestActions
            request={r}
            onChanged={() => {
              // An action on this very request changes what was done: read it again when shown.
              if (opened) setOpened((state) => ({ ...(state ?? opened), read: undefined }));
              onChanged();
            }}
          />
        ) : (
          // An action is recorded with the purpose it was taken under: declare one first.
          <span className="hint">Declare a purpose above to act on it.</span>
        )}
      </td>
    </tr>
  );
}

/** Who asked, what they wrote and what was done, for one request: read once, then kept. */
function OpenedRequest({
  id,
  under,
  read,
  onRead,
}: {
  readonly id: string;
  readonly under: Declaration;
  readonly read: OpenedResult | undefined;
  readonly onRead: (read: OpenedResult) => void;
}) {
  const [{ data: fresh, fetching, error: freshError }] = useQuery({
    query: PrivacyRequestOpenedDocument,
    variables: { id, purpose: under.purpose, ref: under.ref },
    pause: read !== undefined,
  });
  useEffect(() => {
    if (read === undefined && !fetching && (fresh || freshError)) {
      onRead({ data: fresh, error: freshError });
    }
  }, [read, fetching, fresh, freshError, onRead]);
  const data = read?.data ?? fresh;
  const error = read?.error ?? freshError;
  const redactions = redactionsOf(PrivacyRequestOpenedDocument, error);
  if (!data && !error) return <Loading what="who asked" />;
  const item = data?.privacyRequestQueue[0];
  const at = <K extends "customerName" | "customerEmail" | "details">(field: K) =>
    ["privacyRequestQueue", 0, field] as const;
  return (
    <div className="opened-request">
      {failuresOf(error).map((m) => (
        <ErrorNotice key={m}>{m}</ErrorNotice>
      ))}
      <WithheldNotice redactions={redactions} />
      <p className="hint">Read under {sayDeclaration(under)}.</p>
      {item && (
        <dl>
          <dt>Who asked</dt>
          <dd>
            <Value value={item.customerName} at={at("customerName")} redactions={redactions} />
            {" · "}
            <Value value={item.customerEmail} at={at("customerEmail")} redactions={redactions} />
          </dd>
          <dt>What they wrote</dt>
          <dd>
            {item.details || redactions.has(at("details")) ? (
              <Value value={item.details} at={at("details")} redactions={redactions} />
            ) : (
              "Nothing."
            )}
          </dd>
          {item.extensionReason && (
            <>
              <dt>Why the deadline was extended</dt>
              <dd>{item.extensionReason}</dd>
            </>
          )}
          {item.outcome && (
            <>
              <dt>What was done</dt>
              <dd>
                <RequestOutcome outcome={item.outcome} />
              </dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}
