/**
 * Overview, the console's landing: what a privacy officer starts the day with — requests due
 * this week and overdue, open breaches with their 72-hour clocks, recent break-glass grants,
 * consent rates — then the charts. Each list is there only for a role whose areas hold it
 * (the API leaves it null otherwise). Counts and references only: opening the overview reads
 * no customer's data, so it adds nothing to anyone's access log.
 */
import { PrivacyOverviewDocument, type PrivacyOverviewQuery } from "@privet/client";
import { breakGlassReasonLabel, humanize, purposeLabel } from "@privet/domain/labels";
import { DataTable } from "@privet/ui/data-table";
import { formErrorOf } from "@privet/ui/errors";
import { formatDate, formatDateTime } from "@privet/ui/format";
import { Link } from "@privet/ui/router";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useQuery } from "urql";
import { BarChart, LineChart } from "../charts.js";
import { clockInWords, dueInWords } from "./overview-words.js";

type Overview = PrivacyOverviewQuery["privacyOverview"];

const MONTH = new Intl.DateTimeFormat("en-GB", {
  month: "short",
  year: "2-digit",
  timeZone: "UTC",
});
const WEEK = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const PERCENT = (rate: number) => `${Math.round(rate * 100)}%`;

/** The day's numbers at a glance, each a count the sections below list. */
function Today({ overview }: { overview: Overview }) {
  const { requestsDue, openBreaches, recentBreakGlassGrants } = overview;
  const tiles: { label: string; value: number; urgent: boolean }[] = [];
  if (requestsDue) {
    tiles.push({
      label: "Requests overdue",
      value: requestsDue.overdue,
      urgent: requestsDue.overdue > 0,
    });
    tiles.push({ label: "Requests due this week", value: requestsDue.dueThisWeek, urgent: false });
  }
  if (openBreaches) {
    tiles.push({
      label: "Open breaches",
      value: openBreaches.length,
      urgent: openBreaches.length > 0,
    });
  }
  if (recentBreakGlassGrants) {
    const active = recentBreakGlassGrants.filter((g) => g.active).length;
    tiles.push({ label: "Break-glass grants active", value: active, urgent: false });
  }
  if (tiles.length === 0) return null;
  return (
    <dl className="stats" aria-label="Today">
      {tiles.map((tile) => (
        <div key={tile.label} className={tile.urgent ? "stat urgent" : "stat"}>
          <dt>{tile.label}</dt>
          <dd>{tile.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function RequestsDueSection({ due }: { due: NonNullable<Overview["requestsDue"]> }) {
  return (
    <section aria-labelledby="requests-due">
      <h2 id="requests-due">Requests due this week and overdue</h2>
      <DataTable
        label="Requests due this week and overdue"
        rows={due.requests}
        rowKey={(r) => r.id}
        empty="No open request is overdue or due in the next seven days."
        rowProps={(r) => ({ className: r.daysLeft < 0 ? "overdue" : undefined })}
        columns={[
          {
            key: "kind",
            header: "Request",
            sortValue: (r) => humanize(r.kind),
            cell: (r) => humanize(r.kind),
          },
          {
            key: "law",
            header: "Law",
            sortValue: (r) => r.jurisdiction,
            cell: (r) => (r.jurisdiction === "OTHER" ? "Other" : r.jurisdiction),
          },
          {
            key: "state",
            header: "State",
            sortValue: (r) => humanize(r.status),
            cell: (r) => humanize(r.status),
          },
          {
            key: "due",
            header: "Due",
            sortValue: (r) => r.daysLeft,
            cell: (r) => (
              <>
                {formatDate(r.dueAt)} — <strong>{dueInWords(r.daysLeft)}</strong>
              </>
            ),
          },
          { key: "reference", header: "Reference", cell: (r) => <code>{r.id}</code> },
        ]}
      />
      <p>
        <Link href="/requests">Open the privacy-request queue</Link>
      </p>
    </section>
  );
}

function BreachesSection({ breaches }: { breaches: NonNullable<Overview["openBreaches"]> }) {
  return (
    <section aria-labelledby="open-breaches">
      <h2 id="open-breaches">Open breaches</h2>
      {breaches.length === 0 ? (
        <Empty>No breach is open.</Empty>
      ) : (
        <ul className="clock-list">
          {breaches.map((b) => (
            <li key={b.id} className={b.hoursLeft < 0 ? "overdue" : undefined}>
              <strong>{b.title}</strong> — found {formatDateTime(b.discoveredAt)}; the supervisory
              authority must be told by {formatDateTime(b.authorityNoticeDue)}:{" "}
              <strong>{clockInWords(b.hoursLeft)}</strong>
              {b.notifying && " (notices being sent)"}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/breaches">Open the breach register</Link>
      </p>
    </section>
  );
}

function GrantsSection({ grants }: { grants: NonNullable<Overview["recentBreakGlassGrants"]> }) {
  return (
    <section aria-labelledby="recent-grants">
      <h2 id="recent-grants">Break-glass grants in the last 30 days</h2>
      {grants.length === 0 ? (
        <Empty>No break-glass grant was given in the last 30 days.</Empty>
      ) : (
        <ul className="clock-list">
          {grants.map((g) => (
            <li key={g.id}>
              {breakGlassReasonLabel(g.reason)}, from {formatDateTime(g.startsAt)} to{" "}
              {formatDateTime(g.expiresAt)} —{" "}
              <strong>
                {g.active
                  ? "active"
                  : g.revokedAt
                    ? `revoked ${formatDateTime(g.revokedAt)}`
                    : "ended"}
              </strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The latest consent rate per purpose, beside the chart of the year. */
function ConsentToday({ rates }: { rates: Overview["consentRates"] }) {
  const latest = new Map<string, Overview["consentRates"][number]>();
  for (const point of rates) latest.set(point.purpose, point);
  if (latest.size === 0) return null;
  return (
    <section aria-labelledby="consent-today">
      <h2 id="consent-today">Consent today</h2>
      <dl className="stats">
        {[...latest.values()].map((p) => (
          <div key={p.purpose} className="stat">
            <dt>{purposeLabel(p.purpose)}</dt>
            <dd>
              {PERCENT(p.rate)} <span className="hint">of {p.customers} customers</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function OverviewPage() {
  const [{ data, fetching, error }] = useQuery({ query: PrivacyOverviewDocument });
  if (fetching && !data) return <Loading what="the overview" />;
  if (!data)
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "Could not load the overview."}</ErrorNotice>
    );
  const overview = data.privacyOverview;
  const { consentRates, openRequestsByDueWeek, accessesByPurpose } = overview;
  const purposes = [...new Set(consentRates.map((p) => p.purpose))];
  // Months end on the 1st of the next month; label them by the month they close.
  const monthOf = (iso: string) => MONTH.format(new Date(new Date(iso).getTime() - 1));
  return (
    <>
      <h1>Overview</h1>
      <Today overview={overview} />
      <div className="overview-grid">
        {overview.requestsDue && <RequestsDueSection due={overview.requestsDue} />}
        {overview.openBreaches && <BreachesSection breaches={overview.openBreaches} />}
        {overview.recentBreakGlassGrants && (
          <GrantsSection grants={overview.recentBreakGlassGrants} />
        )}
        <ConsentToday rates={consentRates} />
      </div>
      <h2>Trends</h2>
      <LineChart
        title="Consent given, share of customers, by purpose (last 12 months)"
        max={1}
        format={PERCENT}
        series={purposes.map((purpose) => ({
          label: purposeLabel(purpose),
          points: consentRates
            .filter((p) => p.purpose === purpose)
            .map((p) => ({ x: monthOf(p.at), y: p.rate })),
        }))}
      />
      <BarChart
        title="Open privacy requests by the week they fall due"
        parts={["on time", "overdue"]}
        rows={openRequestsByDueWeek.map((b) => ({
          label: `week of ${WEEK.format(new Date(b.weekOf))}`,
          values: [b.open - b.overdue, b.overdue],
        }))}
      />
      <BarChart
        title="Reads of personal data by staff and partners, by purpose (last 30 days)"
        parts={["allowed", "refused"]}
        rows={accessesByPurpose.map((a) => ({
          label: a.purpose ? purposeLabel(a.purpose) : "no purpose",
          values: [a.allowed, a.denied],
        }))}
      />
    </>
  );
}
