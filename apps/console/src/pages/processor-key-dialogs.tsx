/**
 * Partner API keys, confirmed: issuing one names the processor it opens to and asks for a label
 * (the API requires one too), an optional expiry and an optional scope — some of its agreement's
 * purposes, ticked by name; the key is then shown once, with a copy button and the plain fact
 * that it will not be shown again. Rotating one says until when the old key keeps working.
 * Revoking one names the key and the processor it cuts off.
 */
import {
  IssuePartnerApiKeyDocument,
  type Purpose,
  RotatePartnerApiKeyDocument,
} from "@privet/client";
import { inWords, purposeLabel } from "@privet/domain/labels";
import { ConfirmDialog } from "@privet/ui/confirm";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDateTime } from "@privet/ui/format";
import { useState } from "react";
import { useActionMutation } from "../action-mutation.js";
import { OneTimeValue } from "../one-time-value.js";

export interface KeyProcessor {
  readonly id: string;
  readonly name: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Asks for the label, issues the key, then shows it once. `onDone` after either way out. */
export function IssueKeyDialog({
  processor,
  agreedPurposes,
  onIssued,
  onDone,
}: {
  readonly processor: KeyProcessor;
  /** The purposes of the processor's agreement in force: the scope is chosen among them. */
  readonly agreedPurposes: readonly Purpose[];
  readonly onIssued: () => void;
  readonly onDone: () => void;
}) {
  const [label, setLabel] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [scope, setScope] = useState<ReadonlySet<Purpose>>(new Set());
  const [missing, setMissing] = useState(false);
  const [issued, issue] = useActionMutation(IssuePartnerApiKeyDocument);
  const key = issued.data?.issuePartnerApiKey.key;
  if (key) return <IssuedKey processor={processor} issuedKey={key} onDone={onDone} />;
  const apiError = formErrorOf(issued.error);
  const labelError = missing
    ? "Give the key a label, so it can be told apart later (for example, where it is used)."
    : messageFor(apiError, "label");
  const fieldErrors = new Set(["label", "expiresAt", "purposes"]);
  return (
    <ConfirmDialog
      title={`Issue an API key for ${processor.name}?`}
      confirmLabel={`Issue key for ${processor.name}`}
      busy={issued.fetching}
      error={apiError && !fieldErrors.has(apiError.field ?? "") ? apiError.message : null}
      onConfirm={async () => {
        const trimmed = label.trim();
        setMissing(trimmed === "");
        if (trimmed === "") return;
        const result = await issue({
          processorId: processor.id,
          label: trimmed,
          // The key stops working as that day starts (UTC); none: no expiry.
          ...(ISO_DAY.test(expiresOn) ? { expiresAt: `${expiresOn}T00:00:00.000Z` } : {}),
          ...(scope.size > 0 ? { purposes: [...scope] } : {}),
        });
        if (!result.error) onIssued();
      }}
      onCancel={onDone}
    >
      <p>
        Whoever holds the key reads, as <strong>{processor.name}</strong>, what its agreement and
        each customer's consent allow — until the key is revoked.
      </p>
      <Field
        label="Label"
        hint="Where the key will be used, e.g. “Production sync”."
        name="label"
        required
        data-autofocus
        maxLength={100}
        value={label}
        onChange={(event) => setLabel(event.target.value)}
        error={labelError}
      />
      <Field
        label="Expires on (optional)"
        hint="The key stops working as this day starts (UTC). Leave empty for no expiry."
        name="expiresOn"
        type="date"
        value={expiresOn}
        onChange={(event) => setExpiresOn(event.target.value)}
        error={messageFor(apiError, "expiresAt")}
      />
      <fieldset>
        <legend>Purposes the key may read under</legend>
        {agreedPurposes.length === 0 ? (
          <p className="hint">No agreement is in force, so the key reads nothing until one is.</p>
        ) : (
          <p className="hint">
            Tick some to narrow the key; none ticked, it may read under every purpose of{" "}
            {processor.name}'s agreement.
          </p>
        )}
        {agreedPurposes.map((purpose) => (
          <label key={purpose} className="checkbox">
            <input
              type="checkbox"
              name="purposes"
              checked={scope.has(purpose)}
              onChange={(event) => {
                const next = new Set(scope);
                if (event.target.checked) next.add(purpose);
                else next.delete(purpose);
                setScope(next);
              }}
            />{" "}
            {inWords(purposeLabel(purpose))}
          </label>
        ))}
        {messageFor(apiError, "purposes") && (
          <p className="field-error">{messageFor(apiError, "purposes")}</p>
        )}
      </fieldset>
    </ConfirmDialog>
  );
}

/** How long the old key may keep working after a rotation: long enough to deploy the new one. */
export const OVERLAP_CHOICES: ReadonlyArray<{ readonly hours: number; readonly words: string }> = [
  { hours: 0, words: "no overlap: the old key stops at once" },
  { hours: 1, words: "1 hour" },
  { hours: 24, words: "1 day" },
  { hours: 72, words: "3 days" },
  { hours: 168, words: "7 days" },
  { hours: 720, words: "30 days" },
];

/**
 * Rotation, confirmed: says until when the old key keeps working (from the overlap chosen),
 * then shows the new key once.
 */
export function RotateKeyDialog({
  processor,
  apiKey,
  onRotated,
  onDone,
  now = () => new Date(),
}: {
  readonly processor: KeyProcessor;
  readonly apiKey: { readonly id: string; readonly prefix: string; readonly label: string };
  readonly onRotated: () => void;
  readonly onDone: () => void;
  readonly now?: () => Date;
}) {
  const [hours, setHours] = useState(24);
  const [rotated, rotate] = useActionMutation(RotatePartnerApiKeyDocument);
  const key = rotated.data?.rotatePartnerApiKey.key;
  if (key) return <IssuedKey processor={processor} issuedKey={key} onDone={onDone} />;
  const until = new Date(now().getTime() + hours * 3_600_000).toISOString();
  return (
    <ConfirmDialog
      title={`Rotate ${processor.name}'s key “${apiKey.label}”?`}
      confirmLabel="Rotate key"
      busy={rotated.fetching}
      error={formErrorOf(rotated.error)?.message ?? null}
      onConfirm={async () => {
        const result = await rotate({ keyId: apiKey.id, overlapHours: hours });
        if (!result.error) onRotated();
      }}
      onCancel={onDone}
    >
      <p>
        A new key with the same label, purposes and expiry replaces <code>{apiKey.prefix}…</code>{" "}
        and is shown once.
      </p>
      <label>
        The old key keeps working for{" "}
        <select
          name="overlapHours"
          data-autofocus
          value={hours}
          onChange={(event) => setHours(Number(event.target.value))}
        >
          {OVERLAP_CHOICES.map((choice) => (
            <option key={choice.hours} value={choice.hours}>
              {choice.words}
            </option>
          ))}
        </select>
      </label>
      <p data-testid="overlap-ends">
        {hours === 0
          ? `The old key is refused from now on: ${processor.name} must switch at once.`
          : `The old key works until ${formatDateTime(until)}, then is refused: ${processor.name} must switch to the new key before then.`}
      </p>
    </ConfirmDialog>
  );
}

function IssuedKey({
  processor,
  issuedKey,
  onDone,
}: {
  readonly processor: KeyProcessor;
  readonly issuedKey: string;
  readonly onDone: () => void;
}) {
  return (
    <ConfirmDialog
      title={`New API key for ${processor.name}`}
      confirmLabel="I have stored the key"
      cancelLabel={null}
      onConfirm={onDone}
      onCancel={onDone}
    >
      <p>
        <strong>This key will not be shown again.</strong> Copy it now and give it to{" "}
        {processor.name} through a secure channel; Privet keeps only its fingerprint.
      </p>
      <OneTimeValue value={issuedKey} what="key" testId="issued-key" />
    </ConfirmDialog>
  );
}

/** The key named by its prefix and label, and who loses access. */
export function RevokeKeyDialog({
  processor,
  apiKey,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  readonly processor: KeyProcessor;
  readonly apiKey: { readonly prefix: string; readonly label: string };
  readonly busy: boolean;
  readonly error: string | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  return (
    <ConfirmDialog
      title={`Revoke ${processor.name}'s key “${apiKey.label}”?`}
      confirmLabel="Revoke key"
      busy={busy}
      error={error}
      danger
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        Key <code>{apiKey.prefix}…</code> ({apiKey.label}) stops working at once: every request{" "}
        {processor.name} sends with it is refused from now on. A revoked key cannot be restored;
        issue a new one if {processor.name} still needs access.
      </p>
    </ConfirmDialog>
  );
}
