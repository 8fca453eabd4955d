/**
 * The break-glass grants, newest first, each with whether it opens records now: active until
 * its expiry, then closed on its own (P-12); revoked ones closed at once. Active ones can be
 * revoked from here.
 */
import { BreakGlassGrantsDocument, RevokeBreakGlassDocument } from "@privet/client";
import { breakGlassReasonLabel } from "@privet/domain/labels";
import { CopyableId } from "@privet/ui/copyable-id";
import { formErrorOf } from "@privet/ui/errors";
import { formatDateTime } from "@privet/ui/format";
import { Empty, ErrorNotice } from "@privet/ui/states";
import { useQuery } from "urql";
import { useActionMutation } from "../action-mutation.js";

interface GrantRow {
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly active: boolean;
}

/** In words: open now, revoked, expired, or not yet started. */
export function grantState(grant: GrantRow): string {
  if (grant.active) return "Active";
  if (grant.revokedAt) return `Revoked ${formatDateTime(grant.revokedAt)}`;
  return Date.parse(grant.expiresAt) <= Date.now() ? "Expired" : "Not started";
}

/** Keyed by the page's latest grant and revocation, so either remounts it and reads again. */
export function BreakGlassGrants() {
  const [{ data, error }, refetch] = useQuery({ query: BreakGlassGrantsDocument });
  const [revoked, revoke] = useActionMutation(RevokeBreakGlassDocument);
  const grants = data?.breakGlassGrants ?? [];
  return (
    <section aria-labelledby="grants-heading">
      <h2 id="grants-heading">Grants</h2>
      {error && <ErrorNotice>{formErrorOf(error)?.message}</ErrorNotice>}
      {revoked.error && <ErrorNotice>{formErrorOf(revoked.error)?.message}</ErrorNotice>}
      {grants.length === 0 ? (
        <Empty>No grants.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Opened to</th>
                <th scope="col">Reason</th>
                <th scope="col">Until</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <tr key={g.id} data-grant={g.id}>
                  <td>
                    {/* The customer's name is personal data, read only under a purpose: the
                        list shows the whole id, which the audit trail and the customer page take. */}
                    <CopyableId id={g.customerId} what="customer id" />
                  </td>
                  <td>{g.staffName ?? <CopyableId id={g.staffUserId} what="staff member id" />}</td>
                  <td>
                    {breakGlassReasonLabel(g.reason)}
                    {g.incidentRef && ` (${g.incidentRef})`}
                    {g.legalRequestId && ` (${g.legalRequestName ?? "a legal request"})`}
                  </td>
                  <td>{formatDateTime(g.expiresAt)}</td>
                  <td>
                    {grantState(g)}
                    {g.active && (
                      <button
                        type="button"
                        className="secondary"
                        disabled={revoked.fetching}
                        onClick={async () => {
                          const result = await revoke({ id: g.id });
                          if (!result.error) refetch({ requestPolicy: "network-only" });
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
