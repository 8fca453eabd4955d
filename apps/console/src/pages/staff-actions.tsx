/**
 * Staff actions: what staff did, newest first — every mutation a staff member sent, recorded
 * before it ran and again with its result (refusals included), with the purpose declared and
 * the ids acted on. Free text is never kept, so the log shows no one's personal data.
 */
import { type StaffActionOutcome, StaffActionsDocument } from "@privet/client";
import {
  errorCodeInWords,
  humanize,
  identifierInWords,
  purposeLabel,
  roleLabel,
} from "@privet/domain/labels";
import { DataTable } from "@privet/ui/data-table";
import { Field } from "@privet/ui/field";
import { formatDateTime } from "@privet/ui/format";
import { ErrorNotice, Loading } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useQuery } from "urql";
import { ActionArguments } from "../action-arguments.js";
import { StaffPicker } from "../pickers.js";
import { failuresOf } from "../redactions.js";

interface Filter {
  action: string | null;
  outcome: StaffActionOutcome | null;
  staffUserId: string | null;
  before: string | null;
}

const NO_FILTER: Filter = { action: null, outcome: null, staffUserId: null, before: null };

export function StaffActionsPage() {
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [{ data, fetching, error }] = useQuery({ query: StaffActionsDocument, variables: filter });
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || null;
    setFilter({
      action: text("action"),
      outcome: text("outcome") as StaffActionOutcome | null,
      staffUserId: text("staffUserId"),
      before: null,
    });
  };
  const entries = data?.staffActions ?? [];
  return (
    <>
      <h1>Staff actions</h1>
      <form className="inline-form" onSubmit={apply} aria-label="Filter staff actions">
        <Field label="Action (e.g. verifyPrivacyRequest)" name="action" />
        <StaffPicker label="Staff member" name="staffUserId" />
        <div className="field">
          <label htmlFor="outcome">Outcome</label>
          <select id="outcome" name="outcome" defaultValue="">
            <option value="">Any</option>
            <option value="ATTEMPTED">Attempted</option>
            <option value="SUCCEEDED">Succeeded</option>
            <option value="FAILED">Failed</option>
          </select>
        </div>
        <button type="submit">Apply</button>
      </form>
      {failuresOf(error).map((m) => (
        <ErrorNotice key={m}>{m}</ErrorNotice>
      ))}
      {fetching && !data ? (
        <Loading what="staff actions" />
      ) : (
        <DataTable
          label="Staff actions, newest first"
          rows={entries}
          rowKey={(e) => e.id}
          empty="No staff actions match."
          rowProps={(e) => ({ "data-outcome": e.outcome })}
          columns={[
            {
              key: "when",
              header: "When",
              sortValue: (e) => e.occurredAt,
              cell: (e) => formatDateTime(e.occurredAt),
            },
            {
              key: "who",
              header: "Who",
              sortValue: (e) => e.staffName ?? "",
              cell: (e) => (
                <>
                  {e.staffName ?? "A former staff member"}{" "}
                  <span className="hint">({roleLabel(e.staffRole)})</span>
                </>
              ),
            },
            {
              key: "action",
              header: "Action",
              sortValue: (e) => identifierInWords(e.action),
              cell: (e) => identifierInWords(e.action),
            },
            {
              key: "purpose",
              header: "Purpose",
              sortValue: (e) => (e.purpose ? purposeLabel(e.purpose) : null),
              cell: (e) => (
                <>
                  {e.purpose ? purposeLabel(e.purpose) : "—"}
                  {e.reference && ` (ref. ${e.reference})`}
                </>
              ),
            },
            {
              key: "arguments",
              header: "Arguments",
              cell: (e) => <ActionArguments json={e.arguments} />,
            },
            {
              key: "outcome",
              header: "Outcome",
              sortValue: (e) => e.outcome,
              cell: (e) => (
                <>
                  {humanize(e.outcome)}
                  {e.errorCode && `: ${errorCodeInWords(e.errorCode)}`}
                </>
              ),
            },
          ]}
        />
      )}
      {entries.length === 50 && (
        <button
          type="button"
          className="secondary"
          onClick={() => setFilter({ ...filter, before: entries.at(-1)?.id ?? null })}
        >
          Older actions
        </button>
      )}
    </>
  );
}
