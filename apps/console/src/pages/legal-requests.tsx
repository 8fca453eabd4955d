/**
 * Legal requests (P-11): record a government request, court order or legal process with the
 * subjects and categories in scope; produce a disclosure limited to exactly that scope (every
 * disclosed field decided and audited under the request; anything else is redacted).
 */
import {
  CloseLegalRequestDocument,
  LegalDisclosureDocument,
  type LegalDisclosureQuery,
  type LegalRequestKind,
  LegalRequestsDocument,
  RecordLegalRequestDocument,
} from "@privet/client";
import { humanize } from "@privet/domain/labels";
import { type FormError, formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDate } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useQuery } from "urql";
import { useActionMutation } from "../action-mutation.js";
import { failuresOf, type ResultPath, redactionsOf, Value, WithheldNotice } from "../redactions.js";
import { useStaffSession } from "../session.js";

export function LegalRequestsPage() {
  // Auditors read the register to check disclosures against it; only privacy officers record,
  // close and disclose (the API refuses anyone else), so only they are offered to.
  const mayAct = useStaffSession().role === "PRIVACY_OFFICER";
  const [{ data, fetching, error }, refetch] = useQuery({ query: LegalRequestsDocument });
  const [recorded, record] = useActionMutation(RecordLegalRequestDocument);
  const [closed, close] = useActionMutation(CloseLegalRequestDocument);
  const [disclosing, setDisclosing] = useState<{ id: string; ref: string } | null>(null);
  // A date left empty is caught here: it cannot even be turned into an instant to send.
  const [missingDate, setMissingDate] = useState<FormError | null>(null);
  const formError = missingDate ?? formErrorOf(recorded.error);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const noDate = !/^\d{4}-\d{2}-\d{2}$/.test(text("receivedAt"));
    setMissingDate(noDate ? { field: "receivedAt", message: "Enter a date." } : null);
    if (noDate) return;
    const list = (name: string) =>
      text(name)
        .split(/[\s,]+/)
        .filter(Boolean);
    const result = await record({
      input: {
        kind: text("kind") as LegalRequestKind,
        authority: text("authority"),
        reference: text("reference"),
        receivedAt: new Date(`${text("receivedAt")}T00:00:00Z`).toISOString(),
        subjectIds: list("subjectIds"),
        categories: list("categories"),
        notes: text("notes") || null,
      },
    });
    if (!result.error) reload();
  };
  if (fetching && !data) return <Loading what="legal requests" />;
  return (
    <>
      <h1>Legal requests</h1>
      {error && <ErrorNotice>{formErrorOf(error)?.message}</ErrorNotice>}
      {closed.error && <ErrorNotice>{formErrorOf(closed.error)?.message}</ErrorNotice>}
      {!data ? null : data.legalRequests.length === 0 ? (
        <Empty>No legal requests recorded.</Empty>
      ) : (
        <ul className="cards">
          {data.legalRequests.map((r) => (
            <li key={r.id} className="card">
              <h2>
                {r.authority} — {r.reference}
              </h2>
              <p>
                {humanize(r.kind)} received {formatDate(r.receivedAt)} · {humanize(r.status)}
                {r.legalHold && " · legal hold"}
              </p>
              <p>
                {r.subjectIds.length} subjects; categories: {r.categories.join(", ")}
              </p>
              <div className="actions">
                {mayAct && r.status !== "CLOSED" && (
                  <>
                    <button type="button" onClick={() => setDisclosing({ id: r.id, ref: r.id })}>
                      Produce disclosure
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      onClick={async () => {
                        await close({ id: r.id });
                        reload();
                      }}
                    >
                      Close
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {disclosing && <Disclosure id={disclosing.id} legalRef={disclosing.ref} />}
      {mayAct && (
        <form onSubmit={submit} noValidate>
          <h2>Record a legal request</h2>
          <div className="field">
            <label htmlFor="kind">Kind</label>
            <select id="kind" name="kind">
              <option value="GOVERNMENT_REQUEST">Government request</option>
              <option value="COURT_ORDER">Court order</option>
              <option value="LEGAL_PROCESS">Legal process</option>
            </select>
          </div>
          <Field
            label="Authority"
            name="authority"
            required
            error={messageFor(formError, "authority")}
          />
          <Field
            label="Reference"
            name="reference"
            required
            error={messageFor(formError, "reference")}
          />
          <Field
            label="Received on"
            name="receivedAt"
            type="date"
            required
            error={messageFor(formError, "receivedAt")}
          />
          <Field
            label="Customer IDs in scope (comma or space separated)"
            name="subjectIds"
            required
            error={messageFor(formError, "subjectIds")}
          />
          <Field
            label="Data categories in scope (e.g. user.contact.email)"
            name="categories"
            required
            error={messageFor(formError, "categories")}
          />
          <Field label="Notes" name="notes" error={messageFor(formError, "notes")} />
          {formError && !formError.field && <ErrorNotice>{formError.message}</ErrorNotice>}
          <button type="submit" disabled={recorded.fetching}>
            Record
          </button>
        </form>
      )}
    </>
  );
}

function Disclosure({ id, legalRef }: { id: string; legalRef: string }) {
  const [{ data, fetching, error }] = useQuery({
    query: LegalDisclosureDocument,
    variables: { id, ref: legalRef },
  });
  const redactions = redactionsOf(LegalDisclosureDocument, error);
  if (fetching && !data) return <Loading what="the disclosure" />;
  return (
    <section aria-labelledby="disclosure-title" className="card">
      <h2 id="disclosure-title">
        Disclosure for {data?.legalDisclosure.legalRequest.reference ?? "the request"}
      </h2>
      {failuresOf(error).map((m) => (
        <ErrorNotice key={m}>{m}</ErrorNotice>
      ))}
      <WithheldNotice redactions={redactions} />
      <p className="status">
        Every field below was read under this request and is in the audit log; anything outside its
        scope is redacted.
      </p>
      {data?.legalDisclosure.subjects.map((s, i) => {
        const v = (value: unknown, at: ResultPath<LegalDisclosureQuery>) => (
          <Value value={value as string | null} at={at} redactions={redactions} />
        );
        const customer = ["legalDisclosure", "subjects", i, "customer"] as const;
        return (
          <dl key={s.id} className="facts">
            <dt>Customer</dt>
            <dd>{s.id}</dd>
            <dt>Name</dt>
            <dd>{v(s.customer.name, [...customer, "name"])}</dd>
            <dt>Email</dt>
            <dd>{v(s.customer.email, [...customer, "email"])}</dd>
            <dt>Country</dt>
            <dd>{v(s.customer.country, [...customer, "country"])}</dd>
            <dt>Card</dt>
            <dd>
              {s.customer.paymentMethod ? (
                <>
                  {v(s.customer.paymentMethod.brand, [...customer, "paymentMethod", "brand"])}{" "}
                  {v(s.customer.paymentMethod.last4, [...customer, "paymentMethod", "last4"])}
                </>
              ) : (
                "none"
              )}
            </dd>
          </dl>
        );
      })}
    </section>
  );
}
