/**
 * What a privacy officer can do with one request, by its state: verify a received one; start
 * work on a verified one; fulfil (a correction says what was corrected); extend once or reject
 * with a reason the customer will read. Reasons and notes are typed inline, next to the request,
 * with the API's message beside the field when it refuses one.
 */
import {
  ExtendPrivacyRequestDocument,
  FulfilPrivacyRequestDocument,
  RejectPrivacyRequestDocument,
  StartPrivacyRequestDocument,
  VerifyPrivacyRequestDocument,
} from "@privet/client";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { ErrorNotice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useActionMutation } from "../action-mutation.js";
import { ErasureConfirm } from "./erasure-confirm.js";

export interface ActionableRequest {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly extendedAt?: unknown;
}

/** The inline form open on a request, if any: what it asks for, and the argument it fills. */
const FORMS = {
  extend: {
    label: "Why more time is needed (the customer will read this)",
    argument: "reason",
    submit: "Send extension",
  },
  reject: {
    label: "Why the request is rejected (the customer will read this)",
    argument: "reason",
    submit: "Reject request",
  },
  fulfil: { label: "What was corrected", argument: "note", submit: "Fulfil" },
} as const;
type OpenForm = keyof typeof FORMS;

const isOpen = (status: string) => status !== "FULFILLED" && status !== "REJECTED";

export function PrivacyRequestActions({
  request,
  onChanged,
}: {
  readonly request: ActionableRequest;
  readonly onChanged: () => void;
}) {
  const [form, setForm] = useState<OpenForm | null>(null);
  // A deletion is fulfilled only through the erasure's preview and a typed confirmation.
  const [erasing, setErasing] = useState(false);
  const [verified, verify] = useActionMutation(VerifyPrivacyRequestDocument);
  const [started, start] = useActionMutation(StartPrivacyRequestDocument);
  const [extended, extend] = useActionMutation(ExtendPrivacyRequestDocument);
  const [fulfilled, fulfil] = useActionMutation(FulfilPrivacyRequestDocument);
  const [rejected, reject] = useActionMutation(RejectPrivacyRequestDocument);
  const error = formErrorOf(
    verified.error ?? started.error ?? extended.error ?? fulfilled.error ?? rejected.error,
  );
  const done = (result: { error?: unknown }) => {
    if (result.error) return;
    setForm(null);
    onChanged();
  };
  const { id, kind, status } = request;
  const workable = status === "VERIFIED" || status === "IN_PROGRESS";

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("text") ?? "").trim();
    if (form === "extend") done(await extend({ id, reason: text }));
    if (form === "reject") done(await reject({ id, reason: text }));
    if (form === "fulfil") done(await fulfil({ id, note: text }));
  };

  if (!isOpen(status)) return null;
  return (
    <>
      {status === "RECEIVED" && (
        <button type="button" onClick={async () => done(await verify({ id }))}>
          Verify
        </button>
      )}
      {status === "VERIFIED" && (
        <button type="button" onClick={async () => done(await start({ id }))}>
          Start work
        </button>
      )}
      {workable && (
        <button
          type="button"
          onClick={async () =>
            // A correction must say what was corrected; a deletion is previewed and confirmed.
            kind === "CORRECTION"
              ? setForm("fulfil")
              : kind === "DELETION"
                ? setErasing(true)
                : done(await fulfil({ id, note: null }))
          }
        >
          Fulfil
        </button>
      )}
      {!request.extendedAt && (
        <button type="button" className="secondary" onClick={() => setForm("extend")}>
          Extend
        </button>
      )}
      <button type="button" className="secondary" onClick={() => setForm("reject")}>
        Reject
      </button>
      {form && (
        <form onSubmit={submit} noValidate aria-label={FORMS[form].submit} className="inline-form">
          <Field
            label={FORMS[form].label}
            name="text"
            required
            autoFocus
            error={messageFor(error, FORMS[form].argument)}
          />
          <button type="submit">{FORMS[form].submit}</button>
          <button type="button" className="secondary" onClick={() => setForm(null)}>
            Cancel
          </button>
        </form>
      )}
      {erasing && (
        <ErasureConfirm
          requestId={id}
          busy={fulfilled.fetching}
          error={formErrorOf(fulfilled.error)?.message ?? null}
          onConfirm={async () => {
            const result = await fulfil({ id, note: null });
            if (!result.error) setErasing(false);
            done(result);
          }}
          onCancel={() => setErasing(false)}
        />
      )}
      {error && !erasing && !(form && error.field === FORMS[form].argument) && (
        <ErrorNotice>{error.message}</ErrorNotice>
      )}
    </>
  );
}
