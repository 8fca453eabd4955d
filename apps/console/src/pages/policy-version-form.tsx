/**
 * Composing a policy version (P-18). The text can be saved as a draft on the server as often as
 * wanted (and reopened later, by this officer or another), previewed as customers will see it,
 * and published: from the form directly, or, when a draft is open, by saving it and publishing
 * that draft, which the API deletes in the same transaction. The API validates everything;
 * its errors show next to the field they name.
 */
import {
  DiscardPolicyDraftDocument,
  type PolicyDraftQuery,
  PolicyNoticeRecipientsDocument,
  PublishPolicyDraftDocument,
  PublishPolicyVersionDocument,
  SavePolicyDraftDocument,
} from "@privet/client";
import { ConfirmDialog } from "@privet/ui/confirm";
import { type FormError, formErrorOf } from "@privet/ui/errors";
import { formatDateTime } from "@privet/ui/format";
import { ErrorNotice, Notice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useClient } from "urql";
import { useActionMutation } from "../action-mutation.js";
import {
  EMPTY_FIELDS,
  PolicyPreview,
  PolicyVersionFields,
  type PolicyVersionFieldValues,
} from "./policy-version-fields.js";

export type OpenedDraft = PolicyDraftQuery["policyDraft"];

const NAMED_FIELDS = ["version", "title", "summary", "body", "effectiveAt"];

function fieldsOf(draft: OpenedDraft | null): PolicyVersionFieldValues {
  if (!draft) return EMPTY_FIELDS;
  const { version, title, summary, body, material } = draft;
  return {
    version,
    title,
    summary,
    body,
    material,
    effectiveAt: draft.effectiveAt?.slice(0, 10) ?? "",
  };
}

const instantOf = (day: string) => (day ? new Date(`${day}T00:00:00Z`).toISOString() : null);

type Outcome =
  | { readonly kind: "published"; readonly version: string; readonly noticesQueued: number }
  | { readonly kind: "discarded" };

interface PolicyVersionFormProps {
  /** The draft to edit, or null for a new version. Remount (key) to open another. */
  readonly draft: OpenedDraft | null;
  /** After a save, a discard or a publication: the draft now open (null when none). */
  readonly onChange: (openDraftId: string | null) => void;
}

export function PolicyVersionForm({ draft, onChange }: PolicyVersionFormProps) {
  const [fields, setFields] = useState(() => fieldsOf(draft));
  const [draftId, setDraftId] = useState(draft?.id ?? null);
  const [savedAt, setSavedAt] = useState(draft?.updatedAt ?? null);
  const [error, setError] = useState<FormError | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [saving, save] = useActionMutation(SavePolicyDraftDocument);
  const [discarding, discard] = useActionMutation(DiscardPolicyDraftDocument);
  const [publishingDraft, publishDraft] = useActionMutation(PublishPolicyDraftDocument);
  const [publishingVersion, publishVersion] = useActionMutation(PublishPolicyVersionDocument);
  const busy =
    saving.fetching ||
    discarding.fetching ||
    publishingDraft.fetching ||
    publishingVersion.fetching;
  const client = useClient();
  // A material change is told to every customer: published only after its audience is shown.
  const [telling, setTelling] = useState<{ recipients: number } | null>(null);
  const set = (change: Partial<PolicyVersionFieldValues>) =>
    setFields((current) => ({ ...current, ...change }));

  const close = (next: Outcome) => {
    setFields(EMPTY_FIELDS);
    setDraftId(null);
    setSavedAt(null);
    setError(null);
    setOutcome(next);
    onChange(null);
  };

  /** Saves the form as the open draft (a new one when none is open); its id, or null on error. */
  const saveDraft = async (): Promise<string | null> => {
    setOutcome(null);
    const result = await save({
      input: { id: draftId, ...fields, effectiveAt: instantOf(fields.effectiveAt) },
    });
    const saved = result.data?.savePolicyDraft;
    if (!saved) {
      setError(formErrorOf(result.error));
      return null;
    }
    setDraftId(saved.id);
    setSavedAt(saved.updatedAt);
    setError(null);
    onChange(saved.id);
    return saved.id;
  };

  const discardDraft = async () => {
    if (!draftId) return;
    const result = await discard({ id: draftId });
    if (result.error) setError(formErrorOf(result.error));
    else close({ kind: "discarded" });
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setOutcome(null);
    if (!fields.material) return publish();
    const counted = await client
      .query(PolicyNoticeRecipientsDocument, {}, { requestPolicy: "network-only" })
      .toPromise();
    if (counted.data) setTelling({ recipients: counted.data.policyNoticeRecipients });
    else setError(formErrorOf(counted.error));
  };

  const publish = async () => {
    const published = draftId ? await publishOpenDraft() : await publishFromForm();
    if (!published) return;
    const { policyVersion, noticesQueued } = published;
    setTelling(null);
    close({ kind: "published", version: policyVersion.version, noticesQueued });
  };

  /** Publish what is on screen: save it first, so the draft and the version agree. */
  const publishOpenDraft = async () => {
    const id = await saveDraft();
    if (!id) return null;
    const result = await publishDraft({ id });
    if (!result.data) setError(formErrorOf(result.error));
    return result.data?.publishPolicyDraft ?? null;
  };

  const publishFromForm = async () => {
    if (!fields.effectiveAt) {
      setError({ field: "effectiveAt", message: "Choose the date the version takes effect." });
      return null;
    }
    const result = await publishVersion({
      input: {
        ...fields,
        summary: fields.summary.trim() || null,
        effectiveAt: new Date(`${fields.effectiveAt}T00:00:00Z`).toISOString(),
      },
    });
    if (!result.data) setError(formErrorOf(result.error));
    return result.data?.publishPolicyVersion ?? null;
  };

  return (
    <>
      <form onSubmit={submit} noValidate>
        <h2>{draftId ? "Edit a draft" : "Publish a new version"}</h2>
        {draftId && savedAt && (
          <p className="status" role="status" data-testid="draft-saved-at">
            Draft saved {formatDateTime(savedAt)}.
          </p>
        )}
        <PolicyVersionFields fields={fields} onChange={set} error={error} />
        {error && !NAMED_FIELDS.includes(error.field ?? "") && (
          <ErrorNotice>{error.message}</ErrorNotice>
        )}
        {outcome?.kind === "published" && (
          <Notice>
            <p>
              Published version {outcome.version}; {outcome.noticesQueued} notices queued.
            </p>
          </Notice>
        )}
        {outcome?.kind === "discarded" && (
          <Notice>
            <p>Draft discarded.</p>
          </Notice>
        )}
        <PolicyPreview title={fields.title} body={fields.body} />
        <div className="actions">
          <button type="button" className="secondary" disabled={busy} onClick={saveDraft}>
            Save draft
          </button>
          {draftId && (
            <button type="button" className="secondary" disabled={busy} onClick={discardDraft}>
              Discard draft
            </button>
          )}
          <button type="submit" disabled={busy}>
            Publish
          </button>
        </div>
      </form>
      {telling && (
        <ConfirmDialog
          title="Publish a material change?"
          confirmLabel={`Publish and notify ${telling.recipients} customer${telling.recipients === 1 ? "" : "s"}`}
          busy={busy}
          error={error?.message ?? null}
          onConfirm={publish}
          onCancel={() => setTelling(null)}
        >
          <p data-testid="notice-recipients">
            Version {fields.version || "(no label yet)"} is marked as a material change: every
            customer who has not been erased — <strong>{telling.recipients}</strong> now — will be
            emailed a notice of it. A notice cannot be recalled once sent.
          </p>
          <p>
            {fields.effectiveAt
              ? `It takes effect on ${fields.effectiveAt}.`
              : "Choose the date it takes effect before publishing."}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
