/**
 * Audit: the access log with filters (principal, subject, category, purpose, outcome, time),
 * the verification of the audit log's, the consent ledger's and the staff action log's hash
 * chains (a broken one says how, in words), and an export of what the filter selects. 50
 * reads at a time, newest first or oldest first as chosen (the API orders the whole log, not
 * the page: the columns do not re-sort what happens to be loaded); "Show older entries" (or
 * "Show newer entries") appends the next 50 by the page's cursor.
 */
import {
  type AccessOutcome,
  type AuditEventFilter,
  AuditEventsDocument,
  AuditExportDocument,
  AuditVerificationDocument,
  type AuditVerificationQuery,
  ChainCheckpointExportDocument,
  type Purpose,
  type TimeOrder,
} from "@privet/client";
import { denyReasonInBrief, isDenyReason } from "@privet/domain/decide";
import { humanize, purposeLabel, roleLabel } from "@privet/domain/labels";
import { PURPOSES } from "@privet/domain/purposes";
import { TIME_ORDER_LABELS } from "@privet/domain/staff-actions";
import { ALL_CATEGORIES, categoryLabel, isDataCategory } from "@privet/domain/taxonomy";
import { CopyableId } from "@privet/ui/copyable-id";
import { DataTable } from "@privet/ui/data-table";
import { formErrorOf } from "@privet/ui/errors";
import { formatDateTime } from "@privet/ui/format";
import { type OlderPage, ShowOlder, useOlderPages } from "@privet/ui/show-older";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { type FormEvent, useCallback, useMemo, useState } from "react";
import { useClient, useQuery } from "urql";
import { CHAIN_PROBLEM_WORDS } from "../chain-problems.js";
import { underPurpose } from "../graphql-client.js";
import { ReaderPicker } from "../pickers.js";
import { useLatestDeclaration } from "../purpose.js";
import { TimeOrderChoice } from "../time-order.js";

/** A category key in words; a key this console does not know (a newer API), as it is. */
const categoryInWords = (key: string) => (isDataCategory(key) ? categoryLabel(key) : key);

/** An access's outcome in words: "Allowed", or "Refused: no consent" with the reason in brief. */
function outcomeInWords(outcome: AccessOutcome, reason: string | null): string {
  if (outcome === "ALLOWED") return "Allowed";
  return reason && isDenyReason(reason) ? `Refused: ${denyReasonInBrief(reason)}` : "Refused";
}

/** The empty list in words: nothing recorded at all, or nothing the filters select. */
function noReads(filtered: boolean): string {
  return filtered
    ? "No reads match these filters. Widen them (or clear a field) to see more."
    : "No reads of personal data are recorded yet.";
}

export function AuditPage() {
  const client = useClient();
  const [filter, setFilter] = useState<AuditEventFilter>({});
  const [order, setOrder] = useState<TimeOrder>("NEWEST_FIRST");
  const further = order === "NEWEST_FIRST" ? "older" : "newer";
  // Narrowed to one customer the trail is their access log: a privacy or security officer
  // reads it under the purpose declared in the bar (an auditor needs none), so the query then
  // carries that declaration.
  const declared = useLatestDeclaration();
  const narrowedTo = filter.subjectId ?? null;
  const context = useMemo(
    () => (narrowedTo && declared ? underPurpose(declared.purpose, declared.ref) : undefined),
    [narrowedTo, declared],
  );
  const [{ data, fetching, error }] = useQuery({
    query: AuditEventsDocument,
    variables: { filter, order },
    context,
  });
  type AuditEvent = NonNullable<typeof data>["auditEvents"]["nodes"][number];
  const loadOlder = useCallback(
    async (after: string): Promise<OlderPage<AuditEvent>> => {
      const result = await client
        .query(
          AuditEventsDocument,
          { filter, after, order },
          { ...context, requestPolicy: "network-only" },
        )
        .toPromise();
      if (result.data) return { page: result.data.auditEvents };
      return {
        error:
          formErrorOf(result.error)?.message ??
          `The ${order === "NEWEST_FIRST" ? "older" : "newer"} entries could not be loaded.`,
      };
    },
    [client, filter, order, context],
  );
  const events = useOlderPages(data?.auditEvents, loadOlder, further);
  const filtered = Object.values(filter).some((value) => value !== null && value !== undefined);
  const [{ data: verification }, verifyAgain] = useQuery({ query: AuditVerificationDocument });
  const [exportError, setExportError] = useState<string | null>(null);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const day = (name: string, plusDays = 0) =>
      text(name)
        ? new Date(Date.parse(`${text(name)}T00:00:00Z`) + plusDays * 86_400_000).toISOString()
        : null;
    setFilter({
      principalId: text("principalId") || null,
      // The customer is chosen from a row ("Only this customer"), never typed: kept until cleared.
      subjectId: filter.subjectId ?? null,
      category: text("category") || null,
      purpose: (text("purpose") || null) as Purpose | null,
      outcome: (text("outcome") || null) as AccessOutcome | null,
      from: day("from"),
      // The API's `to` is exclusive; the day chosen as "To" is included, so it ends a day later.
      to: day("to", 1),
    });
  };
  const download = async (format: "CSV" | "JSON") => {
    setExportError(null);
    const result = await client
      .query(AuditExportDocument, { filter, format }, { requestPolicy: "network-only" })
      .toPromise();
    if (!result.data) {
      setExportError(formErrorOf(result.error)?.message ?? "The export failed.");
      return;
    }
    const { content, contentType, fileName } = result.data.auditExport;
    save(content, contentType, fileName);
  };
  const downloadCheckpoints = async () => {
    setExportError(null);
    const result = await client
      .query(ChainCheckpointExportDocument, {}, { requestPolicy: "network-only" })
      .toPromise();
    if (!result.data) {
      setExportError(formErrorOf(result.error)?.message ?? "The export failed.");
      return;
    }
    const { content, fileName } = result.data.chainCheckpointExport;
    save(content, "application/json", fileName);
  };
  const save = (content: string, contentType: string, fileName: string) => {
    const url = URL.createObjectURL(new Blob([content], { type: contentType }));
    const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };

  const checks = verification?.auditVerification;
  const who = (e: AuditEvent) =>
    e.processorName ?? (e.staffRole ? roleLabel(e.staffRole) : humanize(e.principalKind));
  return (
    <>
      <h1>Audit</h1>
      <section aria-labelledby="verify-title">
        <h2 id="verify-title">Hash chains</h2>
        {checks ? (
          <ul>
            {(
              [
                ["Audit log", checks.auditLog],
                ["Consent ledger", checks.consentLedger],
                ["Staff action log", checks.staffActions],
              ] as const
            ).map(([label, check]) => (
              <li key={label} data-chain={label}>
                <strong>{label}:</strong>{" "}
                {check.ok
                  ? `intact (${check.checked} links checked)`
                  : `BROKEN at ${check.firstBroken?.chain} #${check.firstBroken?.sequence}: ${
                      check.firstBroken ? CHAIN_PROBLEM_WORDS[check.firstBroken.problem] : ""
                    }`}
              </li>
            ))}
          </ul>
        ) : (
          <Loading what="the verification" />
        )}
        {checks && <ArchivedHistory months={checks.archivedMonths} />}
        <button
          type="button"
          className="secondary"
          onClick={() => verifyAgain({ requestPolicy: "network-only" })}
        >
          Verify again
        </button>{" "}
        <button type="button" className="secondary" onClick={downloadCheckpoints}>
          Export signed checkpoints
        </button>
        <p>
          Keep the exported file outside the database: <code>npm run db:verify -- --against</code>{" "}
          the file later shows whether anything it covers was cut back or rewritten since.
        </p>
      </section>
      <form onSubmit={apply} className="inline-form" aria-label="Filter the access log">
        <ReaderPicker label="Read by" name="principalId" />
        <label>
          Category
          <select name="category" defaultValue="">
            <option value="">any</option>
            {ALL_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Purpose
          <select name="purpose" defaultValue="">
            <option value="">any</option>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {purposeLabel(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select name="outcome" defaultValue="">
            <option value="">any</option>
            <option value="ALLOWED">allowed</option>
            <option value="DENIED">refused</option>
          </select>
        </label>
        <label>
          From <input name="from" type="date" />
        </label>
        <label>
          To <input name="to" type="date" />
        </label>
        <button type="submit">Filter</button>
      </form>
      <p>
        <button type="button" className="secondary" onClick={() => download("CSV")}>
          Export CSV
        </button>{" "}
        <button type="button" className="secondary" onClick={() => download("JSON")}>
          Export JSON
        </button>
      </p>
      <TimeOrderChoice order={order} onChange={setOrder} />
      {filter.subjectId && (
        <p className="status">
          Showing one customer's reads:{" "}
          <CopyableId id={String(filter.subjectId)} what="customer id" />{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => setFilter({ ...filter, subjectId: null })}
          >
            Show every customer
          </button>
        </p>
      )}
      {exportError && <ErrorNotice>{exportError}</ErrorNotice>}
      {error && (
        <ErrorNotice>
          {narrowedTo && error.graphQLErrors.some((e) => e.extensions?.code === "PURPOSE_REQUIRED")
            ? "One customer's reads are their access log: declare a purpose above to see them."
            : (formErrorOf(error)?.message ??
              "The access log could not be loaded. Please try again.")}
        </ErrorNotice>
      )}
      {fetching && !data ? (
        <Loading what="the access log" />
      ) : !data ? (
        error ? null : (
          <Empty>{noReads(filtered)}</Empty>
        )
      ) : (
        <DataTable
          label={`Reads of personal data, ${TIME_ORDER_LABELS[order].toLowerCase()}, 50 at a time`}
          rows={events.entries}
          rowKey={(e) => e.id}
          empty={noReads(filtered)}
          columns={[
            {
              key: "when",
              header: "When",
              cell: (e) => formatDateTime(e.occurredAt),
            },
            {
              key: "who",
              header: "Who",
              cell: (e) => who(e),
            },
            {
              key: "customer",
              header: "Customer",
              cell: (e) => (
                <>
                  <CopyableId id={e.subjectId} what="customer id" />
                  {filter.subjectId !== e.subjectId && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setFilter({ ...filter, subjectId: e.subjectId })}
                    >
                      Only this customer
                    </button>
                  )}
                </>
              ),
            },
            {
              key: "category",
              header: "Category",
              cell: (e) => categoryInWords(e.category),
            },
            {
              key: "purpose",
              header: "Purpose",
              cell: (e) => (
                <>
                  {e.purpose ? purposeLabel(e.purpose) : "—"}
                  {e.reference && ` (${e.reference})`}
                  {e.breakGlassId && " · break-glass"}
                  {e.legalRequestId && " · legal request"}
                </>
              ),
            },
            {
              key: "outcome",
              header: "Outcome",
              cell: (e) => outcomeInWords(e.outcome, e.denyReason),
            },
          ]}
        />
      )}
      <ShowOlder pages={events} noun="entries" further={further} />
    </>
  );
}

type ArchivedMonths = NonNullable<AuditVerificationQuery["auditVerification"]>["archivedMonths"];

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** "2026-06" → "June 2026". */
export const monthInWords = (month: string) => MONTH.format(new Date(`${month}-01T00:00:00Z`));

/**
 * What left the database for files (`npm run db:archive`), per history, in words: "Audit log:
 * 3 months archived to files, March 2025 to May 2025 (1,234 entries)". The chains above are
 * verified from where the files end; the command that checks the files is named.
 */
export function archivedInWords(months: ArchivedMonths): string[] {
  return (
    [
      ["AUDIT_LOG", "Audit log"],
      ["STAFF_ACTIONS", "Staff action log"],
    ] as const
  ).flatMap(([history, label]) => {
    const of = months.filter((m) => m.history === history);
    const first = of[0];
    const last = of.at(-1);
    if (!first || !last) return [];
    const entries = of.reduce((sum, m) => sum + m.entries, 0).toLocaleString("en-GB");
    const span =
      first === last
        ? monthInWords(first.month)
        : `${monthInWords(first.month)} to ${monthInWords(last.month)}`;
    const count = of.length === 1 ? "1 month" : `${of.length} months`;
    return [`${label}: ${count} archived to files, ${span} (${entries} entries).`];
  });
}

function ArchivedHistory({ months }: { months: ArchivedMonths }) {
  const lines = archivedInWords(months);
  if (lines.length === 0) {
    return <p>Nothing has been archived: every entry since the first is in the database.</p>;
  }
  return (
    <section aria-labelledby="archived-title">
      <h3 id="archived-title">Archived history</h3>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <p>
        The chains above are verified from where the archived files end.{" "}
        <code>npm run db:archive -- --verify</code> with the archive folder checks the files and the
        chains together.
      </p>
    </section>
  );
}
