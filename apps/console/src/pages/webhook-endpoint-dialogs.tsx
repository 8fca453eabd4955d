/**
 * The confirmations of a processor's webhook endpoints: adding one (URL and description, then
 * the signing secret shown once, with a copy button and the plain fact that it will not be
 * shown again), disabling one (nothing more is sent to it), and replaying a delivery (the same
 * message, sent again to the processor).
 */
import { RegisterWebhookEndpointDocument } from "@privet/client";
import { ConfirmDialog } from "@privet/ui/confirm";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { useState } from "react";
import { useActionMutation } from "../action-mutation.js";
import { OneTimeValue } from "../one-time-value.js";
import { eventInWords } from "./webhook-words.js";

export interface WebhookProcessor {
  readonly id: string;
  readonly name: string;
}

/** Asks for the URL and a description, registers the endpoint, then shows its secret once. */
export function AddEndpointDialog({
  processor,
  onAdded,
  onDone,
}: {
  readonly processor: WebhookProcessor;
  readonly onAdded: () => void;
  readonly onDone: () => void;
}) {
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [missing, setMissing] = useState(false);
  const [registered, register] = useActionMutation(RegisterWebhookEndpointDocument);
  const secret = registered.data?.registerWebhookEndpoint.secret;
  if (secret) return <ShownOnce processor={processor} secret={secret} onDone={onDone} />;
  const apiError = formErrorOf(registered.error);
  const urlError = missing ? "Enter the endpoint's URL." : messageFor(apiError, "url");
  return (
    <ConfirmDialog
      title={`Add a webhook endpoint for ${processor.name}?`}
      confirmLabel={`Add endpoint for ${processor.name}`}
      busy={registered.fetching}
      error={
        apiError && apiError.field !== "url" && apiError.field !== "description"
          ? apiError.message
          : null
      }
      onConfirm={async () => {
        const trimmed = url.trim();
        setMissing(trimmed === "");
        if (trimmed === "") return;
        const result = await register({
          processorId: processor.id,
          url: trimmed,
          description: description.trim(),
        });
        if (!result.error) onAdded();
      }}
      onCancel={onDone}
    >
      <p>
        From now on <strong>{processor.name}</strong> is sent, signed, every change it must hear of:
        consents given or withdrawn under its agreement, people erased or corrected, its agreement
        about to lapse, its keys revoked — by its own pseudonyms, never a name.
      </p>
      <Field
        label="URL"
        hint="Where the processor receives webhooks, e.g. https://partner.example/webhooks."
        name="url"
        type="url"
        required
        data-autofocus
        maxLength={2000}
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        error={urlError}
      />
      <Field
        label="Description"
        hint="Optional: what the endpoint is for, e.g. “Production”."
        name="description"
        maxLength={200}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={messageFor(apiError, "description")}
      />
    </ConfirmDialog>
  );
}

function ShownOnce({
  processor,
  secret,
  onDone,
}: {
  readonly processor: WebhookProcessor;
  readonly secret: string;
  readonly onDone: () => void;
}) {
  return (
    <ConfirmDialog
      title={`Signing secret for ${processor.name}'s endpoint`}
      confirmLabel="I have stored the secret"
      cancelLabel={null}
      onConfirm={onDone}
      onCancel={onDone}
    >
      <p>
        <strong>This secret will not be shown again.</strong> Copy it now and give it to{" "}
        {processor.name} through a secure channel: it checks every delivery's signature with it.
      </p>
      <OneTimeValue value={secret} what="secret" testId="webhook-secret" />
    </ConfirmDialog>
  );
}

export function DisableEndpointDialog({
  processor,
  endpoint,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  readonly processor: WebhookProcessor;
  readonly endpoint: { readonly url: string };
  readonly busy: boolean;
  readonly error: string | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  return (
    <ConfirmDialog
      title={`Disable ${processor.name}'s endpoint?`}
      confirmLabel="Disable endpoint"
      busy={busy}
      error={error}
      danger
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        Nothing more is sent to <code>{endpoint.url}</code>: deliveries still waiting are dropped,
        and {processor.name} no longer hears of changes there. A disabled endpoint cannot be turned
        back on; add a new one if {processor.name} needs it.
      </p>
    </ConfirmDialog>
  );
}

export function ReplayDeliveryDialog({
  processor,
  delivery,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  readonly processor: WebhookProcessor;
  readonly delivery: { readonly eventType: string; readonly createdAt: string };
  readonly busy: boolean;
  readonly error: string | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  return (
    <ConfirmDialog
      title={`Send “${eventInWords(delivery.eventType)}” to ${processor.name} again?`}
      confirmLabel="Send again"
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        The same message, with the same id, goes to {processor.name} once more, as a new delivery; a
        receiver that already has it can recognise it and ignore it.
      </p>
    </ConfirmDialog>
  );
}
