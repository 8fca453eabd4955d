/**
 * Staff actions: what staff did — every mutation a staff member sent, recorded before it ran
 * and again with its result (refusals included), with the purpose declared and the ids acted
 * on. Free text is never kept, so the log shows no one's personal data.
 *
 * 50 entries at a time, newest first or oldest first as chosen: the API orders the whole log
 * (by time) and pages it from the last entry shown, so the columns do not re-sort what happens
 * to be loaded. Actions are chosen from @privet/domain's list in words, staff members by name.
 */
import { type StaffActionOutcome, StaffActionsDocument, type TimeOrder } from "@privet/client";
import { errorCodeInWords, humanize, purposeLabel, roleLabel } from "@privet/domain/labels";
import {
  STAFF_ACTION_LABELS,
  STAFF_ACTIONS,
  staffActionLabel,
  TIME_ORDER_LABELS,
} from "@privet/domain/staff-actions";
import { DataTable } from "@privet/ui/data-table";
import { formErrorOf } from "@privet/ui/errors";
import { formatDateTime } from "@privet/ui/format";
import { type HistoryPage, type OlderPage, ShowOlder, useOlderPages } from "@privet/ui/show-older";
import { ErrorNotice, Loading } from "@privet/ui/states";
import { type FormEvent, useCallback, useMemo, useState } from "react";
import { useClient, useQuery } from "urql";
import { ActionArguments } from "../action-arguments.js";
import { StaffPicker } from "../pickers.js";
import { failuresOf } from "../redactions.js";
import { TimeOrderChoice } from "../time-order.js";

const PAGE = 50;

interface Filter {
  action: string | null;
  outcome: StaffActionOutcome | null;
  staffUserId: string | null;
}

const NO_FILTER: Filter = { action: null, outcome: null, staffUserId: null };

/** The actions in the filter's list, alphabetically by their words. */
const ACTION_CHOICES = [...STAFF_ACTIONS].sort((a, b) =>
  STAFF_ACTION_LABELS[a].localeCompare(STAFF_ACTION_LABELS[b]),
);

/** The API's list as a page: a full page may have more after it, from its last entry on. */
function asPage<T extends { readonly id: string }>(entries: readonly T[]): HistoryPage<T> {
  return {
    nodes: entries,
    pageInfo: { endCursor: entries.at(-1)?.id ?? null, hasNextPage: entries.length === PAGE },
  };
}

export function StaffActionsPage() {
  const client = useClient();
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [order, setOrder] = useState<TimeOrder>("NEWEST_FIRST");
  const further = order === "NEWEST_FIRST" ? "older" : "newer";
  const [{ data, fetching, error }] = useQuery({
    query: StaffActionsDocument,
    variables: { ...filter, order, after: null },
  });
  type Entry = NonNullable<typeof data>["staffActions"][number];
  const first = useMemo(() => (data ? asPage(data.staffActions) : undefined), [data]);
  const loadMore = useCallback(
    async (after: string): Promise<OlderPage<Entry>> => {
      const result = await client
        .query(StaffActionsDocument, { ...filter, order, after }, { requestPolicy: "network-only" })
        .toPromise();
      if (result.data) return { page: asPage(result.data.staffActions) };
      return {
        error:
          formErrorOf(result.error)?.message ??
          `The ${order === "NEWEST_FIRST" ? "older" : "newer"} actions could not be loaded.`,
      };
    },
    [client, filter, order],
  );
  const entries = useOlderPages(first, loadMore, further);
  const filtered = Object.values(filter).some((value) => value !== null);
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || null;
    setFilter({
      action: text("action"),
      outcome: text("outcome") as StaffActionOutcome | null,
      staffUserId: text("staffUserId"),
    });
  };
  return (
    <>
      <h1>Staff actions</h1>
      <form className="inline-form" onSubmit={apply} aria-label="Filter staff actions">
        <div className="field">
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue="">
            <option value="">Any action</option>
            {ACTION_CHOICES.map((action) => (
              <option key={action} value={action}>
                {STAFF_ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        </div>
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
      <TimeOrderChoice order={order} onChange={setOrder} />
      {failuresOf(error).map((m) => (
        <ErrorNotice key={m}>{m}</ErrorNotice>
      ))}
      {fetching && !data ? (
        <Loading what="staff actions" />
      ) : (
        data && (
          <DataTable
            label={`Staff actions, ${TIME_ORDER_LABELS[order].toLowerCase()}, 50 at a time`}
            rows={entries.entries}
            rowKey={(e) => e.id}
            empty={
              filtered
                ? "No staff actions match these filters. Widen them (or clear a field) to see more."
                : "No staff actions are recorded yet."
            }
            rowProps={(e) => ({ "data-outcome": e.outcome })}
            columns={[
              {
                key: "when",
                header: "When",
                cell: (e) => formatDateTime(e.occurredAt),
              },
              {
                key: "who",
                header: "Who",
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
                cell: (e) => staffActionLabel(e.action),
              },
              {
                key: "purpose",
                header: "Purpose",
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
                cell: (e) => (
                  <>
                    {humanize(e.outcome)}
                    {e.errorCode && `: ${errorCodeInWords(e.errorCode)}`}
                  </>
                ),
              },
            ]}
          />
        )
      )}
      <ShowOlder pages={entries} noun="actions" further={further} />
    </>
  );
}
