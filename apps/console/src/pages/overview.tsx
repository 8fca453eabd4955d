/** Overview: consent rates by purpose over time, open requests by due date, reads by purpose. */
import { PrivacyOverviewDocument } from "@privet/client";
import { purposeLabel } from "@privet/domain/labels";
import { formErrorOf } from "@privet/ui/errors";
import { ErrorNotice, Loading } from "@privet/ui/states";
import { useQuery } from "urql";
import { BarChart, LineChart } from "../charts.js";

const MONTH = new Intl.DateTimeFormat("en-GB", {
  month: "short",
  year: "2-digit",
  timeZone: "UTC",
});
const WEEK = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export function OverviewPage() {
  const [{ data, fetching, error }] = useQuery({ query: PrivacyOverviewDocument });
  if (fetching && !data) return <Loading what="the overview" />;
  if (!data)
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "Could not load the overview."}</ErrorNotice>
    );
  const { consentRates, openRequestsByDueWeek, accessesByPurpose } = data.privacyOverview;
  const purposes = [...new Set(consentRates.map((p) => p.purpose))];
  // Months end on the 1st of the next month; label them by the month they close.
  const monthOf = (iso: string) => MONTH.format(new Date(new Date(iso).getTime() - 1));
  return (
    <>
      <h1>Overview</h1>
      <LineChart
        title="Consent given, share of customers, by purpose (last 12 months)"
        max={1}
        format={(y) => `${Math.round(y * 100)}%`}
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
