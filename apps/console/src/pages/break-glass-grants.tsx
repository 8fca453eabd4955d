/**
 * The break-glass grants, newest first, each with whether it opens records now: active until
 * its expiry, then closed on its own (P-12); revoked ones closed at once. Active ones can be
 * revoked from here.
 */
import { BreakGlassGrantsDocument, RevokeBreakGlassDocument } from "@privet/client";
import { breakGlassReasonLabel } from "@privet/domain/labels";
import { ConfirmDialog } from "@privet/ui/confirm";
import { CopyableId } from "@privet/ui/copyable-id";
import { formErrorOf } from "@privet/ui/errors";
import { formatDateTime } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useState } from "react";
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
  // Revoking closes someone's access at once: confirmed in a dialog naming whose and to what.
  const [revoking, setRevoking] = useState<(typeof grants)[number] | null>(null);
  return (
    <section aria-labelledby="grants-heading">
      <h2 id="grants-heading">Grants</h2>
      {error && <ErrorNotice>{formErrorOf(error)?.message}</ErrorNotice>}
      {revoking && (
        <ConfirmDialog
          title="Revoke this break-glass grant?"
          confirmLabel="Revoke grant"
          busy={revoked.fetching}
          error={formErrorOf(revoked.error)?.message ?? null}
          danger
          onConfirm={async () => {
            const result = await revoke({ id: revoking.id });
            if (result.error) return;
            setRevoking(null);
            refetch({ requestPolicy: "network-only" });
          }}
          onCancel={() => setRevoking(null)}
        >
          <p>
            {revoking.staffName ?? "The staff member"} loses access at once to the records customer{" "}
            <code>{revoking.customerId}</code> holds about other people, opened for{" "}
            {breakGlassReasonLabel(revoking.reason).toLowerCase()}
            {revoking.incidentRef && ` (${revoking.incidentRef})`} until{" "}
            {formatDateTime(revoking.expiresAt)}. A revoked grant cannot be reopened; a new one
            needs a new approval.
          </p>
        </ConfirmDialog>
      )}
      {!data ? (
        !error && <Loading what="the grants" />
      ) : grants.length === 0 ? (
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
                        onClick={() => setRevoking(g)}
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
