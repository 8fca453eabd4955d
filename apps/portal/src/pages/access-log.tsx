/**
 * Who accessed my data: one entry per access to the customer's data by our staff or a partner
 * — who (a staff role, never a name, or the partner's name), why (the purpose and the
 * reference given), when, and which fields, in words — newest first, from the audit log. A
 * summary of the last 30 days on top; narrowed by who and why. The newest 50 first; "Show
 * older entries" appends the next 50 under the same filter, however long the history.
 */
import {
  type AccessFilter,
  AccessLogDocument,
  AccessLogOlderDocument,
  type AccessLogQuery,
  type PortalAccessPageFragment,
} from "@privet/client";
import {
  breakGlassReasonLabel,
  PURPOSE_LABELS,
  purposeLabel,
  roleLabel,
} from "@privet/domain/labels";
import type { Purpose } from "@privet/domain/purposes";
import { readCategoryLabel } from "@privet/domain/taxonomy";
import { formErrorOf } from "@privet/ui/errors";
import { formatDateTime } from "@privet/ui/format";
import { type OlderPage, ShowOlder, useOlderPages } from "@privet/ui/show-older";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useCallback, useMemo, useState } from "react";
import { useClient, useQuery } from "urql";
import { RequireSignIn } from "./require-sign-in.js";

export function AccessLogPage() {
  return (
    <RequireSignIn>
      <AccessLog />
    </RequireSignIn>
  );
}

type Entry = PortalAccessPageFragment["nodes"][number];
type Summary = NonNullable<NonNullable<AccessLogQuery["me"]>["accessSummary"]>;

/** The "Who" choice: everyone, staff, all partners, or one partner (by its id). */
const EVERYONE = "";
const STAFF = "staff";
const PARTNERS = "partners";

function filterOf(who: string, why: string): AccessFilter | null {
  const filter: AccessFilter = {};
  if (who === STAFF) filter.who = "STAFF";
  else if (who === PARTNERS) filter.who = "PARTNER";
  else if (who !== EVERYONE) filter.processorId = who;
  if (why !== "") filter.purpose = why as Purpose;
  return Object.keys(filter).length > 0 ? filter : null;
}

const count = (n: number, one: string, many: string) =>
  n === 0 ? `no ${many}` : n === 1 ? `1 ${one}` : `${n.toLocaleString("en-GB")} ${many}`;

/** "Last 30 days: 2 staff reads, 1 partner (Acme Mail, 3 reads)." */
export function summaryInWords(summary: Summary): string {
  const staff = `${summary.complete ? "" : "at least "}${count(summary.staffReads, "staff read", "staff reads")}`;
  const names = summary.partners
    .map((partner) => `${partner.name}, ${count(partner.reads, "read", "reads")}`)
    .join("; ");
  const partners = count(summary.partners.length, "partner", "partners");
  return `Last ${summary.days} days: ${staff}, ${partners}${names ? ` (${names})` : ""}.`;
}

/**
 * Older months of the record were archived (moved out of the database, kept apart): say where
 * the list starts, and how to get the rest.
 */
export function keptSinceInWords(keptSince: string): string {
  // The first instant of a month in UTC: named as that month wherever the reader is.
  const month = MONTH_UTC.format(new Date(keptSince));
  return `This record starts in ${month}: older entries were moved to our archive. To see them, make an access request from "My requests".`;
}

const MONTH_UTC = new Intl.DateTimeFormat("en-GB", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

const listed = (categories: readonly string[]) => categories.map(readCategoryLabel).join(", ");

function who(entry: Entry): string {
  if (entry.accessorKind === "PARTNER") return `${entry.processorName ?? "A partner"} (partner)`;
  return `Privet staff: ${entry.staffRole ? roleLabel(entry.staffRole) : "staff member"}`;
}

function why(entry: Entry): string {
  const parts = [entry.purpose ? purposeLabel(entry.purpose) : "No purpose given"];
  if (entry.reference) parts[0] += `, reference ${entry.reference}`;
  if (entry.breakGlassReason) {
    parts.push(
      `emergency access to records you hold about others: ${breakGlassReasonLabel(entry.breakGlassReason)}`,
    );
  }
  if (entry.underLegalRequest) parts.push("under a legal request");
  return parts.join(" — ");
}

export function AccessLog() {
  const client = useClient();
  const [whoChoice, setWho] = useState(EVERYONE);
  const [whyChoice, setWhy] = useState("");
  const filter = useMemo(() => filterOf(whoChoice, whyChoice), [whoChoice, whyChoice]);
  const [{ data, fetching, error }] = useQuery({
    query: AccessLogDocument,
    variables: { filter },
    requestPolicy: "network-only",
  });
  const loadOlder = useCallback(
    async (after: string): Promise<OlderPage<Entry>> => {
      const result = await client
        .query(AccessLogOlderDocument, { after, filter }, { requestPolicy: "network-only" })
        .toPromise();
      const page = result.data?.me?.accesses;
      if (page) return { page };
      return {
        error: formErrorOf(result.error)?.message ?? "We could not load older entries.",
      };
    },
    [client, filter],
  );
  const firstPage = data?.me?.accesses;
  const pages = useOlderPages(firstPage, loadOlder);
  if (!data && fetching) return <Loading what="who accessed your data" />;
  const me = data?.me;
  const entries = firstPage ? pages.entries : null;
  if (!me || !entries)
    return (
      <ErrorNotice>
        {formErrorOf(error)?.message ?? "We could not load the access log."}
      </ErrorNotice>
    );
  const filtered = filter !== null;
  return (
    <>
      <h1>Who accessed my data</h1>
      <p>
        Every time our staff or one of our partners reads your personal data, we record who, when,
        what and why. Here is that record, one entry per access, newest first.
      </p>
      {me.accessSummary && <p className="access-summary">{summaryInWords(me.accessSummary)}</p>}
      {me.accessesKeptSince && (
        <p className="access-kept-since">{keptSinceInWords(me.accessesKeptSince)}</p>
      )}
      <form className="access-filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="access-who">Who</label>
          <select id="access-who" value={whoChoice} onChange={(e) => setWho(e.target.value)}>
            <option value={EVERYONE}>Everyone</option>
            <option value={STAFF}>Privet staff</option>
            <option value={PARTNERS}>All partners</option>
            {(me.accessPartners ?? []).map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="access-why">Why</label>
          <select id="access-why" value={whyChoice} onChange={(e) => setWhy(e.target.value)}>
            <option value="">Any reason</option>
            {Object.entries(PURPOSE_LABELS).map(([purpose, label]) => (
              <option key={purpose} value={purpose}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </form>
      {entries.length === 0 ? (
        <Empty>
          {!filtered
            ? "Nobody at Privet or at our partners has read your data."
            : pages.hasOlder
              ? "No recent access matches. Show older entries to look further back."
              : "No access matches these choices."}
        </Empty>
      ) : (
        <ol className="access-list" aria-label="Accesses to your data, newest first">
          {entries.map((entry) => (
            <li key={entry.id} className="card access" data-accessor={entry.accessorKind}>
              <p className="access-head">
                <strong className="access-who">{who(entry)}</strong>{" "}
                <time dateTime={String(entry.occurredAt)}>
                  {formatDateTime(String(entry.occurredAt))}
                </time>
              </p>
              <dl className="facts">
                <dt>Why</dt>
                <dd className="access-why">{why(entry)}</dd>
                <dt>What</dt>
                <dd className="access-what">
                  {entry.categories.length > 0 ? listed(entry.categories) : "Nothing was shown"}
                </dd>
                {entry.refusedCategories.length > 0 && (
                  <>
                    <dt>Refused</dt>
                    <dd className="access-refused">
                      Asked for but not shown to them: {listed(entry.refusedCategories)}
                    </dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ol>
      )}
      <ShowOlder pages={pages} noun="entries" />
    </>
  );
}
