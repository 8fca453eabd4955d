/**
 * Processors (P-10): the registry — kind, region, purposes and categories, agreement signed and
 * expiry dates — with agreements about to lapse flagged, and partner API keys issued (shown
 * once) and revoked.
 */
import {
  ProcessorRegistryDocument,
  type Purpose,
  RecordProcessorAgreementDocument,
  RevokePartnerApiKeyDocument,
} from "@privet/client";
import { inWords, processorKindLabel, purposeLabel } from "@privet/domain/labels";
import { type FormError, formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDate } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useQuery } from "urql";
import { useActionMutation } from "../action-mutation.js";
import { FidesDownload } from "./fides-download.js";
import { expiryInWords, lastUsedInWords, purposesInForce } from "./key-times.js";
import {
  IssueKeyDialog,
  type KeyProcessor,
  RevokeKeyDialog,
  RotateKeyDialog,
} from "./processor-key-dialogs.js";
import { ProcessorWebhooks } from "./processor-webhooks.js";

export function ProcessorsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ProcessorRegistryDocument });
  const [revoked, revoke] = useActionMutation(RevokePartnerApiKeyDocument);
  // Issuing and revoking go through a dialog naming the processor (processor-key-dialogs.tsx).
  const [issuingFor, setIssuingFor] = useState<
    (KeyProcessor & { agreedPurposes: Purpose[] }) | null
  >(null);
  const [rotating, setRotating] = useState<{
    processor: KeyProcessor;
    apiKey: { id: string; prefix: string; label: string };
  } | null>(null);
  const [revoking, setRevoking] = useState<{
    processor: KeyProcessor;
    apiKey: { id: string; prefix: string; label: string };
  } | null>(null);
  if (fetching && !data) return <Loading what="the processor registry" />;
  if (!data)
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "Could not load the registry."}</ErrorNotice>
    );
  const reload = () => refetch({ requestPolicy: "network-only" });
  return (
    <>
      <h1>Processors</h1>
      <FidesDownload />
      {issuingFor && (
        <IssueKeyDialog
          processor={issuingFor}
          agreedPurposes={issuingFor.agreedPurposes}
          onIssued={reload}
          onDone={() => setIssuingFor(null)}
        />
      )}
      {rotating && (
        <RotateKeyDialog
          processor={rotating.processor}
          apiKey={rotating.apiKey}
          onRotated={reload}
          onDone={() => setRotating(null)}
        />
      )}
      {revoking && (
        <RevokeKeyDialog
          processor={revoking.processor}
          apiKey={revoking.apiKey}
          busy={revoked.fetching}
          error={formErrorOf(revoked.error)?.message ?? null}
          onConfirm={async () => {
            const result = await revoke({ id: revoking.apiKey.id });
            if (result.error) return;
            setRevoking(null);
            reload();
          }}
          onCancel={() => setRevoking(null)}
        />
      )}
      {data.processors.length === 0 ? (
        <Empty>No processors.</Empty>
      ) : (
        <ul className="cards">
          {data.processors.map((p) => (
            <li key={p.id} className="card" data-processor={p.name}>
              <h2>{p.name}</h2>
              <p>
                {processorKindLabel(p.kind)} · {p.region}
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
                    {a.purposes.map((x) => inWords(purposeLabel(x))).join(", ")}:{" "}
                    {a.categories.join(", ")}
                  </li>
                ))}
              </ul>
              <h3>API keys</h3>
              <ul>
                {p.apiKeys.map((k) => {
                  const live = !k.revokedAt && (!k.expiresAt || new Date(k.expiresAt) > new Date());
                  const until = expiryInWords(k.expiresAt);
                  return (
                    <li key={k.id} data-key={k.label}>
                      <code>{k.prefix}…</code> {k.label} —{" "}
                      {k.revokedAt ? `revoked ${formatDate(k.revokedAt)}` : !live && until}
                      {live && !k.replacedById && (
                        <>
                          <button
                            type="button"
                            className="link-button"
                            aria-label={`Rotate key ${k.label}`}
                            onClick={() => setRotating({ processor: p, apiKey: k })}
                          >
                            Rotate
                          </button>{" "}
                        </>
                      )}
                      {live && (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Revoke key ${k.label}`}
                          onClick={() => setRevoking({ processor: p, apiKey: k })}
                        >
                          Revoke
                        </button>
                      )}
                      <br />
                      <span className="hint" data-testid="key-details">
                        Last used {lastUsedInWords(k.lastUsedAt)};{" "}
                        {k.replacedById && live
                          ? `rotated, the old key ${until.replace(/^expires/, "works until")}`
                          : until}
                        ;{" "}
                        {k.purposes.length > 0
                          ? `only for ${k.purposes.map((x) => inWords(purposeLabel(x))).join(", ")}`
                          : "every purpose of the agreement"}
                        .
                      </span>
                    </li>
                  );
                })}
              </ul>
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  setIssuingFor({
                    ...p,
                    agreedPurposes: purposesInForce(p.agreements),
                  })
                }
              >
                Issue a key
              </button>
              <AgreementForm processorId={p.id} onRecorded={reload} />
              <ProcessorWebhooks processor={p} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const DATE_FIELDS = ["signedAt", "validFrom", "validUntil"] as const;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Record an agreement or its renewal: from validFrom the processor reads what it lists (P-10). */
function AgreementForm({
  processorId,
  onRecorded,
}: {
  processorId: string;
  onRecorded: () => void;
}) {
  const [recorded, record] = useActionMutation(RecordProcessorAgreementDocument);
  // A date left empty is caught here: it cannot even be turned into an instant to send.
  const [missingDate, setMissingDate] = useState<FormError | null>(null);
  const error = missingDate ?? formErrorOf(recorded.error);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const empty = DATE_FIELDS.find((name) => !ISO_DAY.test(text(name)));
    setMissingDate(empty ? { field: empty, message: "Enter a date." } : null);
    if (empty) return;
    const list = (name: string) =>
      text(name)
        .split(/[\s,]+/)
        .filter(Boolean);
    const day = (name: string) => new Date(`${text(name)}T00:00:00Z`).toISOString();
    const result = await record({
      input: {
        processorId,
        reference: text("reference"),
        purposes: list("purposes") as Purpose[],
        categories: list("categories"),
        signedAt: day("signedAt"),
        validFrom: day("validFrom"),
        validUntil: day("validUntil"),
      },
    });
    if (!result.error) {
      form.reset();
      onRecorded();
    }
  };
  return (
    <details>
      <summary>Record an agreement or renewal</summary>
      <form onSubmit={submit} noValidate>
        <Field label="Reference" name="reference" required error={messageFor(error, "reference")} />
        <Field
          label="Purposes (e.g. MARKETING)"
          name="purposes"
          required
          error={messageFor(error, "purposes")}
        />
        <Field
          label="Data categories (e.g. user.contact.email)"
          name="categories"
          required
          error={messageFor(error, "categories")}
        />
        <Field
          label="Signed on"
          name="signedAt"
          type="date"
          required
          error={messageFor(error, "signedAt")}
        />
        <Field
          label="Valid from"
          name="validFrom"
          type="date"
          required
          error={messageFor(error, "validFrom")}
        />
        <Field
          label="Valid until"
          name="validUntil"
          type="date"
          required
          error={messageFor(error, "validUntil")}
        />
        {error && !error.field && <ErrorNotice>{error.message}</ErrorNotice>}
        <button type="submit" disabled={recorded.fetching}>
          Record agreement
        </button>
      </form>
    </details>
  );
}
