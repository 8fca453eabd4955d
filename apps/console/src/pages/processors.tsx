/**
 * Processors (P-10): the registry — kind, region, purposes and categories, agreement signed and
 * expiry dates — with agreements about to lapse flagged, and partner API keys issued (shown
 * once) and revoked.
 */
import {
  IssuePartnerApiKeyDocument,
  ProcessorRegistryDocument,
  RevokePartnerApiKeyDocument,
} from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { formatDate, humanize } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading, Notice } from "@privet/ui/states";
import { useMutation, useQuery } from "urql";

export function ProcessorsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ProcessorRegistryDocument });
  const [issued, issue] = useMutation(IssuePartnerApiKeyDocument);
  const [, revoke] = useMutation(RevokePartnerApiKeyDocument);
  if (fetching && !data) return <Loading what="the processor registry" />;
  if (!data)
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "Could not load the registry."}</ErrorNotice>
    );
  const reload = () => refetch({ requestPolicy: "network-only" });
  return (
    <>
      <h1>Processors</h1>
      {issued.data && (
        <Notice>
          <p>
            New key (shown once — give it to the partner now):{" "}
            <code data-testid="issued-key">{issued.data.issuePartnerApiKey.key}</code>
          </p>
        </Notice>
      )}
      {issued.error && <ErrorNotice>{formErrorOf(issued.error)?.message}</ErrorNotice>}
      {data.processors.length === 0 ? (
        <Empty>No processors.</Empty>
      ) : (
        <ul className="cards">
          {data.processors.map((p) => (
            <li key={p.id} className="card" data-processor={p.name}>
              <h2>{p.name}</h2>
              <p>
                {humanize(p.kind)} · {p.region}
              </p>
              {!p.agreementInForce ? (
                <p className="redacted" data-flag="no-agreement">
                  No agreement in force: this partner reads nothing.
                </p>
              ) : p.expiringSoon ? (
                <p className="redacted" data-flag="expiring">
                  Agreement ends in {p.daysUntilExpiry} days: renew it.
                </p>
              ) : (
                <p className="status">Agreement in force ({p.daysUntilExpiry} days left).</p>
              )}
              <h3>Agreements</h3>
              <ul>
                {p.agreements.map((a) => (
                  <li key={a.id}>
                    {a.reference}: signed {formatDate(a.signedAt)}, valid {formatDate(a.validFrom)}{" "}
                    – {formatDate(a.validUntil)}
                    {a.terminatedAt && `, terminated ${formatDate(a.terminatedAt)}`}; for{" "}
                    {a.purposes.map((x) => humanize(x).toLowerCase()).join(", ")}:{" "}
                    {a.categories.join(", ")}
                  </li>
                ))}
              </ul>
              <h3>API keys</h3>
              <ul>
                {p.apiKeys.map((k) => (
                  <li key={k.id}>
                    <code>{k.prefix}…</code> {k.label} —{" "}
                    {k.revokedAt ? (
                      `revoked ${formatDate(k.revokedAt)}`
                    ) : (
                      <button
                        type="button"
                        className="link-button"
                        onClick={async () => {
                          await revoke({ id: k.id });
                          reload();
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="secondary"
                disabled={issued.fetching}
                onClick={async () => {
                  await issue({
                    processorId: p.id,
                    label: `Issued ${new Date().toISOString().slice(0, 10)}`,
                  });
                  reload();
                }}
              >
                Issue a key
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
