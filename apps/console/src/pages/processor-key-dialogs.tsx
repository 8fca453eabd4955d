/**
 * Partner API keys, confirmed: issuing one names the processor it opens to and asks for a label
 * (the API requires one too); the key is then shown once, with a copy button and the plain fact
 * that it will not be shown again. Revoking one names the key and the processor it cuts off.
 */
import { IssuePartnerApiKeyDocument } from "@privet/client";
import { ConfirmDialog } from "@privet/ui/confirm";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { useState } from "react";
import { useActionMutation } from "../action-mutation.js";

export interface KeyProcessor {
  readonly id: string;
  readonly name: string;
}

/** Asks for the label, issues the key, then shows it once. `onDone` after either way out. */
export function IssueKeyDialog({
  processor,
  onIssued,
  onDone,
}: {
  readonly processor: KeyProcessor;
  readonly onIssued: () => void;
  readonly onDone: () => void;
}) {
  const [label, setLabel] = useState("");
  const [missing, setMissing] = useState(false);
  const [issued, issue] = useActionMutation(IssuePartnerApiKeyDocument);
  const key = issued.data?.issuePartnerApiKey.key;
  if (key) return <IssuedKey processor={processor} issuedKey={key} onDone={onDone} />;
  const apiError = formErrorOf(issued.error);
  const labelError = missing
    ? "Give the key a label, so it can be told apart later (for example, where it is used)."
    : messageFor(apiError, "label");
  return (
    <ConfirmDialog
      title={`Issue an API key for ${processor.name}?`}
      confirmLabel={`Issue key for ${processor.name}`}
      busy={issued.fetching}
      error={apiError && apiError.field !== "label" ? apiError.message : null}
      onConfirm={async () => {
        const trimmed = label.trim();
        setMissing(trimmed === "");
        if (trimmed === "") return;
        const result = await issue({ processorId: processor.id, label: trimmed });
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
  const [copied, setCopied] = useState<boolean | null>(null);
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
      <pre data-testid="issued-key">{issuedKey}</pre>
      <button
        type="button"
        className="secondary"
        data-autofocus
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(issuedKey);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
      >
        Copy key
      </button>{" "}
      <span role="status" aria-live="polite">
        {copied === true && "Copied."}
        {copied === false && "Could not copy: select the key above and copy it by hand."}
      </span>
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
