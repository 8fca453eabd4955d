/**
 * Breach incidents (P-17): record an incident; Privet finds the affected customers (counted
 * from the moment it is recorded), counts Californians, flags the Attorney General notice above
 * 500, computes the deadlines and drafts each notice in the California form, for review and
 * sending through the outbox. Each incident offers only the actions its state allows (the
 * API's `actions`), and sending — an email to every approved recipient — is confirmed with
 * its count first, in the shared confirmation dialog. Closing (once every notice that can be
 * sent was, or nobody was affected) is confirmed too, saying what it ends.
 */
import {
  ApproveBreachNoticesDocument,
  type BreachAction,
  BreachIncidentsDocument,
  type BreachIncidentsQuery,
  CloseBreachIncidentDocument,
  DraftBreachNoticesDocument,
  SendBreachNoticesDocument,
} from "@privet/client";
import { daysLeftInWords } from "@privet/domain/clocks";
import { inWords } from "@privet/domain/labels";
import { categoryLabel, isDataCategory } from "@privet/domain/taxonomy";
import { ConfirmDialog } from "@privet/ui/confirm";
import { formErrorOf } from "@privet/ui/errors";
import { formatDate } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useState } from "react";
import { useQuery } from "urql";
import { useActionMutation } from "../action-mutation.js";
import { BreachIncidentForm } from "./breach-incident-form.js";

type Incident = BreachIncidentsQuery["breachIncidents"][number];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function BreachesPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: BreachIncidentsDocument });
  const reload = () => refetch({ requestPolicy: "network-only" });
  if (fetching && !data) return <Loading what="incidents" />;
  return (
    <>
      <h1>Breach incidents</h1>
      {error && <ErrorNotice>{formErrorOf(error)?.message}</ErrorNotice>}
      {!data ? null : data.breachIncidents.length === 0 ? (
        <Empty>No incidents recorded.</Empty>
      ) : (
        <ul className="cards">
          {data.breachIncidents.map((b) => (
            <IncidentCard key={b.id} incident={b} onChanged={reload} />
          ))}
        </ul>
      )}
      <BreachIncidentForm onRecorded={reload} />
    </>
  );
}

function IncidentCard({ incident: b, onChanged }: { incident: Incident; onChanged(): void }) {
  const [drafted, draft] = useActionMutation(DraftBreachNoticesDocument);
  const [approved, approve] = useActionMutation(ApproveBreachNoticesDocument);
  const [sent, send] = useActionMutation(SendBreachNoticesDocument);
  const [closed, close] = useActionMutation(CloseBreachIncidentDocument);
  const [confirming, setConfirming] = useState(false);
  const [confirmingClose, setConfirmingClose] = useState(false);
  const may = (action: BreachAction) => b.actions.includes(action);
  const busy = drafted.fetching || approved.fetching || sent.fetching || closed.fetching;
  const failure =
    formErrorOf(drafted.error) ?? formErrorOf(approved.error) ?? formErrorOf(sent.error);
  const act = async (run: () => Promise<{ error?: unknown }>) => {
    const result = await run();
    if (!result.error) onChanged();
  };
  const overdue = b.daysLeft < 0 && b.status !== "CLOSED";
  return (
    <li className="card" aria-labelledby={`incident-${b.id}`}>
      <h2 id={`incident-${b.id}`}>{b.title}</h2>
      <p className="status">State: {inWords(b.status)}</p>
      <p>
        Discovered {formatDate(b.discoveredAt)}; exposure {formatDate(b.windowStart)} –{" "}
        {formatDate(b.windowEnd)};{" "}
        {b.categories.map((c) => (isDataCategory(c) ? categoryLabel(c) : c)).join(", ")}.
      </p>
      <p data-testid="affected">
        <strong>{plural(b.affectedCustomers, "customer", "customers")}</strong> affected,{" "}
        <strong>{b.californiaResidents}</strong> in California.
      </p>
      {b.attorneyGeneralNoticeRequired && (
        <p className="redacted" data-flag="attorney-general">
          More than 500 Californians: notify the Attorney General
          {b.attorneyGeneralNoticeDue && ` by ${formatDate(b.attorneyGeneralNoticeDue)}`}.
        </p>
      )}
      <p className={overdue ? "redacted" : undefined} data-testid="deadline">
        {b.status === "CLOSED"
          ? `Customers were to be notified by ${formatDate(b.individualNoticeDue)}.`
          : `Notify customers by ${formatDate(b.individualNoticeDue)} (${daysLeftInWords(b.daysLeft)}).`}
      </p>
      <p className="status" data-testid="notices">
        Notices: {b.draftNotices} draft, {b.approvedNotices} approved, {b.sentNotices} sent.
      </p>
      {failure && <ErrorNotice>{failure.message}</ErrorNotice>}
      {confirming && (
        <ConfirmDialog
          title="Send the approved notices?"
          confirmLabel={`Send ${plural(b.approvedNotices, "notice", "notices")}`}
          busy={sent.fetching}
          error={formErrorOf(sent.error)?.message ?? null}
          onConfirm={async () => {
            const result = await send({ incidentId: b.id });
            if (!result.error) {
              setConfirming(false);
              onChanged();
            }
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Send {plural(b.approvedNotices, "approved notice", "approved notices")} by email, one to
            each customer, about “{b.title}”? This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      {confirmingClose && (
        <ConfirmDialog
          title="Close this incident?"
          confirmLabel="Close the incident"
          busy={closed.fetching}
          error={formErrorOf(closed.error)?.message ?? null}
          onConfirm={async () => {
            const result = await close({ incidentId: b.id });
            if (!result.error) {
              setConfirmingClose(false);
              onChanged();
            }
          }}
          onCancel={() => setConfirmingClose(false)}
        >
          <p>
            {b.sentNotices > 0
              ? `All ${plural(b.sentNotices, "notice", "notices")} about “${b.title}” have been sent.`
              : `“${b.title}” affected no customer, so no notice is required.`}{" "}
            Closing records that the notification work is done: no more notices can be drafted,
            approved or sent for it, and it stays in the register as closed. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      {b.actions.length === 0 ? (
        <p className="status">This incident is closed: nothing more to do here.</p>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={busy || !may("DRAFT_NOTICES")}
            onClick={() => act(() => draft({ incidentId: b.id }))}
          >
            {b.draftNotices + b.approvedNotices + b.sentNotices === 0
              ? "Draft notices"
              : "Draft notices for newly found customers"}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || !may("APPROVE_DRAFTS")}
            onClick={() => act(() => approve({ incidentId: b.id }))}
          >
            Approve drafts
          </button>
          <button
            type="button"
            disabled={busy || !may("SEND_APPROVED")}
            onClick={() => setConfirming(true)}
          >
            Send approved…
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || !may("CLOSE")}
            onClick={() => setConfirmingClose(true)}
          >
            Close incident…
          </button>
        </div>
      )}
    </li>
  );
}
