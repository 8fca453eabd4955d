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
import { allowedRequestActions } from "@privet/domain/request-actions";
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

/** The lifecycle only moves forward (RECEIVED → VERIFIED → IN_PROGRESS → closed). */
const STAGE: Readonly<Record<string, number>> = {
  RECEIVED: 0,
  VERIFIED: 1,
  IN_PROGRESS: 2,
  FULFILLED: 3,
  REJECTED: 3,
};
function latestStatus(listed: string, answered: ReadonlyArray<string | undefined>): string {
  return answered.reduce<string>(
    (latest, s) => (s !== undefined && (STAGE[s] ?? 0) > (STAGE[latest] ?? 0) ? s : latest),
    listed,
  );
}

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
  const { id, kind } = request;
  // What this row's own actions answered is newer than the list until it reloads: offering
  // "Extend" again after extending, or "Verify" after verifying, would offer what is refused.
  const status = latestStatus(request.status, [
    verified.data?.verifyPrivacyRequest.status,
    started.data?.startPrivacyRequest.status,
    fulfilled.data?.fulfilPrivacyRequest.status,
    rejected.data?.rejectPrivacyRequest.status,
  ]);
  const extendedAt = request.extendedAt ?? extended.data?.extendPrivacyRequest.extendedAt;
  const busy = [verified, started, extended, fulfilled, rejected].some((r) => r.fetching);
  const allowed = allowedRequestActions(status, Boolean(extendedAt));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("text") ?? "").trim();
    if (form === "extend") done(await extend({ id, reason: text }));
    if (form === "reject") done(await reject({ id, reason: text }));
    if (form === "fulfil") done(await fulfil({ id, note: text }));
  };

  if (allowed.size === 0) return null;
  return (
    <>
      {allowed.has("verify") && (
        <button type="button" disabled={busy} onClick={async () => done(await verify({ id }))}>
          Verify
        </button>
      )}
      {allowed.has("start") && (
        <button type="button" disabled={busy} onClick={async () => done(await start({ id }))}>
          Start work
        </button>
      )}
      {allowed.has("fulfil") && (
        <button
          type="button"
          disabled={busy}
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
      {allowed.has("extend") && (
        <button type="button" className="secondary" onClick={() => setForm("extend")}>
          Extend
        </button>
      )}
      {allowed.has("reject") && (
        <button type="button" className="secondary" onClick={() => setForm("reject")}>
          Reject
        </button>
      )}
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
