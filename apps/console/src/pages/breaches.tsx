/**
 * Breach incidents (P-17): record an incident; Privet finds the affected customers, counts
 * Californians, flags the Attorney General notice above 500, computes the deadlines and drafts
 * each notice in the California form, for review and sending through the outbox.
 */
import {
  ApproveBreachNoticesDocument,
  BreachIncidentsDocument,
  DraftBreachNoticesDocument,
  RecordBreachIncidentDocument,
  SendBreachNoticesDocument,
} from "@privet/client";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDate } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import type { FormEvent } from "react";
import { useQuery } from "urql";
import { useActionMutation } from "../action-mutation.js";

export function BreachesPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: BreachIncidentsDocument });
  const [recorded, record] = useActionMutation(RecordBreachIncidentDocument);
  const [, draft] = useActionMutation(DraftBreachNoticesDocument);
  const [, approve] = useActionMutation(ApproveBreachNoticesDocument);
  const [, send] = useActionMutation(SendBreachNoticesDocument);
  const formError = formErrorOf(recorded.error);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const day = (name: string) => new Date(`${text(name)}T00:00:00Z`).toISOString();
    // "Exposed until" is inclusive: through the end of that day, or until now for today (the
    // API's window end is exclusive and never in the future).
    const through = (name: string) => {
      const end = new Date(`${text(name)}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      return new Date(Math.min(end.getTime(), Date.now())).toISOString();
    };
    const result = await record({
      input: {
        title: text("title"),
        description: text("description"),
        discoveredAt: day("discoveredAt"),
        windowStart: day("windowStart"),
        windowEnd: through("windowEnd"),
        categories: text("categories")
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean),
      },
    });
    if (!result.error) reload();
  };
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
            <li key={b.id} className="card">
              <h2>{b.title}</h2>
              <p>
                Discovered {formatDate(b.discoveredAt)}; exposure {formatDate(b.windowStart)} –{" "}
                {formatDate(b.windowEnd)}; {b.categories.join(", ")}
              </p>
              <p>
                <strong>{b.affectedCustomers}</strong> customers affected,{" "}
                <strong>{b.californiaResidents}</strong> in California.
              </p>
              {b.attorneyGeneralNoticeRequired && (
                <p className="redacted" data-flag="attorney-general">
                  More than 500 Californians: notify the Attorney General
                  {b.attorneyGeneralNoticeDue && ` by ${formatDate(b.attorneyGeneralNoticeDue)}`}.
                </p>
              )}
              <p>
                Notify customers by {formatDate(b.individualNoticeDue)} ({b.daysLeft} days left).
              </p>
              <p className="status">
                Notices: {b.draftNotices} draft, {b.approvedNotices} approved, {b.sentNotices} sent.
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="secondary"
                  onClick={async () => {
                    await draft({ incidentId: b.id });
                    reload();
                  }}
                >
                  Draft notices
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={async () => {
                    await approve({ incidentId: b.id });
                    reload();
                  }}
                >
                  Approve drafts
                </button>
                <button
                  type="button"
                  onClick={async () => {
                    await send({ incidentId: b.id });
                    reload();
                  }}
                >
                  Send approved
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <h2>Record an incident</h2>
        <Field label="Title" name="title" required error={messageFor(formError, "title")} />
        <Field
          label="What happened"
          name="description"
          required
          error={messageFor(formError, "description")}
        />
        <Field
          label="Discovered on"
          name="discoveredAt"
          type="date"
          required
          error={messageFor(formError, "discoveredAt")}
        />
        <Field
          label="Exposed from"
          name="windowStart"
          type="date"
          required
          error={messageFor(formError, "windowStart")}
        />
        <Field
          label="Exposed until (inclusive)"
          name="windowEnd"
          type="date"
          required
          error={messageFor(formError, "windowEnd")}
        />
        <Field
          label="Data categories (comma-separated keys, e.g. user.contact.email)"
          name="categories"
          required
          error={messageFor(formError, "categories")}
        />
        {formError && !formError.field && <ErrorNotice>{formError.message}</ErrorNotice>}
        <button type="submit" disabled={recorded.fetching}>
          Record incident
        </button>
      </form>
    </>
  );
}
