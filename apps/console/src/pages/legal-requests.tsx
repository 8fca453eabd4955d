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
import { PURPOSE_DEFINITIONS } from "@privet/domain/purposes";
import { categoryLabel, isDataCategory } from "@privet/domain/taxonomy";
import { ConfirmDialog } from "@privet/ui/confirm";
import { CopyableId } from "@privet/ui/copyable-id";
import { type FormError, formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDate } from "@privet/ui/format";
import type { PickerOption } from "@privet/ui/picker";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useQuery } from "urql";
import { useActionMutation } from "../action-mutation.js";
import { CustomerPicker } from "../pickers.js";
import { failuresOf, type ResultPath, redactionsOf, Value, WithheldNotice } from "../redactions.js";
import { useStaffSession } from "../session.js";

/** What a legal disclosure may ever read: the categories offered for a request's scope. */
const DISCLOSABLE = PURPOSE_DEFINITIONS.LEGAL_OBLIGATION.categories;

/** A taxonomy key in words; an unknown key (a newer API) as it is. */
function categoryInWords(key: string): string {
  return isDataCategory(key) ? categoryLabel(key) : key;
}

export function LegalRequestsPage() {
  // Auditors read the register to check disclosures against it; only privacy officers record,
  // close and disclose (the API refuses anyone else), so only they are offered to.
  const mayAct = useStaffSession().role === "PRIVACY_OFFICER";
  const [{ data, fetching, error }, refetch] = useQuery({ query: LegalRequestsDocument });
  const [recorded, record] = useActionMutation(RecordLegalRequestDocument);
  const [closed, close] = useActionMutation(CloseLegalRequestDocument);
  // Closing cannot be undone: it ends the request's disclosures and its hold on erasure.
  const [closing, setClosing] = useState<{ id: string; name: string; hold: boolean } | null>(null);
  const [disclosing, setDisclosing] = useState<{ id: string; ref: string } | null>(null);
  // A date left empty is caught here: it cannot even be turned into an instant to send.
  const [missingDate, setMissingDate] = useState<FormError | null>(null);
  // The customers in scope, chosen by name one at a time; the picker starts afresh after each.
  const [subjects, setSubjects] = useState<readonly PickerOption[]>([]);
  const [pickerKey, setPickerKey] = useState(0);
  const addSubject = (option: PickerOption | null) => {
    if (!option) return;
    setSubjects((chosen) =>
      chosen.some((c) => c.id === option.id) ? chosen : [...chosen, option],
    );
    setPickerKey((key) => key + 1);
  };
  const formError = missingDate ?? formErrorOf(recorded.error);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const noDate = !/^\d{4}-\d{2}-\d{2}$/.test(text("receivedAt"));
    setMissingDate(noDate ? { field: "receivedAt", message: "Enter a date." } : null);
    if (noDate) return;
    const result = await record({
      input: {
        kind: text("kind") as LegalRequestKind,
        authority: text("authority"),
        reference: text("reference"),
        receivedAt: new Date(`${text("receivedAt")}T00:00:00Z`).toISOString(),
        subjectIds: subjects.map((subject) => subject.id),
        categories: form.getAll("categories").map(String),
        notes: text("notes") || null,
      },
    });
    if (!result.error) {
      setSubjects([]);
      reload();
    }
  };
  if (fetching && !data) return <Loading what="legal requests" />;
  return (
    <>
      <h1>Legal requests</h1>
      {error && <ErrorNotice>{formErrorOf(error)?.message}</ErrorNotice>}
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
                {r.subjectIds.length === 1 ? "1 customer" : `${r.subjectIds.length} customers`};{" "}
                {r.categories.map(categoryInWords).join(", ")}
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
                      onClick={() =>
                        setClosing({
                          id: r.id,
                          name: `${r.authority} — ${r.reference}`,
                          hold: r.legalHold,
                        })
                      }
                    >
                      Close…
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {closing && (
        <ConfirmDialog
          title="Close this legal request?"
          confirmLabel="Close the request"
          busy={closed.fetching}
          error={formErrorOf(closed.error)?.message ?? null}
          onConfirm={async () => {
            const result = await close({ id: closing.id });
            if (!result.error) {
              setClosing(null);
              reload();
            }
          }}
          onCancel={() => setClosing(null)}
        >
          <p>
            Close “{closing.name}”? No disclosure can be produced under it afterwards
            {closing.hold
              ? ", and the data it held back from erasure is no longer kept for it"
              : ""}
            . This cannot be undone.
          </p>
        </ConfirmDialog>
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
          <CustomerPicker
            key={pickerKey}
            label="Customers in scope"
            hint="Type at least 2 letters of a name or email, then choose; add as many as the request names. Searching is audited under the purpose you declared."
            onChange={addSubject}
            error={messageFor(formError, "subjectIds")}
          />
          {subjects.length > 0 && (
            <ul className="chosen" aria-label="Customers chosen">
              {subjects.map((subject) => (
                <li key={subject.id}>
                  {subject.label}
                  {subject.detail && <span className="hint"> {subject.detail}</span>}{" "}
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove ${subject.label}`}
                    onClick={() => setSubjects((chosen) => chosen.filter((c) => c !== subject))}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <fieldset
            className={messageFor(formError, "categories") ? "field field-invalid" : "field"}
            aria-describedby={messageFor(formError, "categories") ? "categories-error" : undefined}
          >
            <legend>Data categories in scope</legend>
            {DISCLOSABLE.map((category) => (
              <label key={category} className="checkbox">
                <input type="checkbox" name="categories" value={category} />{" "}
                {categoryLabel(category)}
              </label>
            ))}
            {messageFor(formError, "categories") && (
              <p className="field-error" id="categories-error">
                {messageFor(formError, "categories")}
              </p>
            )}
          </fieldset>
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
            <dd>
              <CopyableId id={s.id} what="customer id" />
            </dd>
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
