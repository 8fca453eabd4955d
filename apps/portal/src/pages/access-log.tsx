/**
 * Who accessed my data: every read of the customer's data by staff or a partner, from the
 * audit log — who (role or processor), when, which category, the declared purpose and its
 * reference, and whether it was a break-glass read of records they hold about others (P-12).
 * The newest 50 first; "Show older entries" appends the next 50, however long the history.
 */
import {
  AccessLogDocument,
  AccessLogOlderDocument,
  type PortalAccessLogPageFragment,
} from "@privet/client";
import { breakGlassReasonLabel, purposeLabel, roleLabel } from "@privet/domain/labels";
import { formErrorOf } from "@privet/ui/errors";
import { formatDateTime } from "@privet/ui/format";
import { type OlderPage, ShowOlder, useOlderPages } from "@privet/ui/show-older";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useCallback } from "react";
import { useClient, useQuery } from "urql";
import { RequireSignIn } from "./require-sign-in.js";

export function AccessLogPage() {
  return (
    <RequireSignIn>
      <AccessLog />
    </RequireSignIn>
  );
}

type Entry = PortalAccessLogPageFragment["nodes"][number];

export function AccessLog() {
  const client = useClient();
  const [{ data, fetching, error }] = useQuery({
    query: AccessLogDocument,
    requestPolicy: "network-only",
  });
  const loadOlder = useCallback(
    async (after: string): Promise<OlderPage<Entry>> => {
      const result = await client
        .query(AccessLogOlderDocument, { after }, { requestPolicy: "network-only" })
        .toPromise();
      const page = result.data?.me?.accessLogPage;
      if (page) return { page };
      return {
        error: formErrorOf(result.error)?.message ?? "We could not load older entries.",
      };
    },
    [client],
  );
  const firstPage = data?.me?.accessLogPage;
  const pages = useOlderPages(firstPage, loadOlder);
  if (!data && fetching) return <Loading what="who accessed your data" />;
  const entries = firstPage ? pages.entries : null;
  if (!entries)
    return (
      <ErrorNotice>
        {formErrorOf(error)?.message ?? "We could not load the access log."}
      </ErrorNotice>
    );
  return (
    <>
      <h1>Who accessed my data</h1>
      <p>
        Every time our staff or one of our partners reads your personal data, we record who, when,
        what and why. This is that record.
      </p>
      {entries.length === 0 ? (
        <Empty>Nobody at Privet or at our partners has read your data.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Reads of your data, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-accessor={entry.accessorKind}>
                  <td>{formatDateTime(entry.occurredAt)}</td>
                  <td>
                    {entry.accessorKind === "PARTNER"
                      ? `${entry.processorName ?? "A partner"} (partner)`
                      : `Privet staff: ${entry.staffRole ? roleLabel(entry.staffRole) : "Staff"}`}
                  </td>
                  <td>{entry.categoryLabel}</td>
                  <td>
                    {entry.purpose ? purposeLabel(entry.purpose) : "—"}
                    {entry.reference && (
                      <span className="reference"> (ref. {entry.reference})</span>
                    )}
                    {entry.breakGlassReason && (
                      <span className="break-glass">
                        {" "}
                        — emergency access to records you hold about others:{" "}
                        {breakGlassReasonLabel(entry.breakGlassReason)}
                      </span>
                    )}
                    {entry.underLegalRequest && <span> — under a legal request</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ShowOlder pages={pages} noun="entries" />
    </>
  );
}
