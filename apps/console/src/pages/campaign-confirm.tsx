/**
 * A campaign before it goes out (P-08): how many customers it reaches (the API counts them by
 * the send's own query), the email as they will read it with its unsubscribe footer, and a test
 * sent to the member's own address only. The send button carries the count.
 */
import { SendCampaignTestDocument } from "@privet/client";
import { ConfirmDialog } from "@privet/ui/confirm";
import { formErrorOf } from "@privet/ui/errors";
import { ErrorNotice } from "@privet/ui/states";
import { useActionMutation } from "../action-mutation.js";

export interface CampaignDraft {
  readonly name: string | null;
  readonly subject: string;
  readonly text: string;
}

export interface CampaignPreviewData {
  readonly recipients: number;
  readonly subject: string;
  readonly textBody: string;
}

export const sendLabel = (recipients: number) =>
  `Send to ${recipients} customer${recipients === 1 ? "" : "s"}`;

export function CampaignConfirm({
  campaign,
  preview,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  readonly campaign: CampaignDraft;
  readonly preview: CampaignPreviewData;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const [tested, sendTest] = useActionMutation(SendCampaignTestDocument);
  const { recipients } = preview;
  return (
    <ConfirmDialog
      title="Send this campaign?"
      confirmLabel={sendLabel(recipients)}
      confirmDisabled={recipients === 0}
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p data-testid="campaign-recipients">
        {recipients === 0
          ? "No customer allows marketing emails now: there is no one to send this to."
          : `${recipients} customer${recipients === 1 ? "" : "s"} who allow marketing emails will receive it. It cannot be recalled once sent.`}
      </p>
      <h3>The email as it arrives</h3>
      <dl>
        <dt>Subject</dt>
        <dd data-testid="campaign-preview-subject">{preview.subject}</dd>
      </dl>
      <pre data-testid="campaign-preview-body">{preview.textBody}</pre>
      <p className="hint">
        Each customer's unsubscribe link is their own; the one above is an example.
      </p>
      <button
        type="button"
        className="secondary"
        disabled={tested.fetching || busy}
        onClick={() => sendTest({ input: campaign })}
      >
        Send a test to myself
      </button>
      <span role="status" aria-live="polite">
        {tested.data &&
          ` Test queued to your own address only (subject "${tested.data.sendCampaignTest.subject}"). It arrives when the outbox is delivered.`}
      </span>
      {tested.error && <ErrorNotice>{formErrorOf(tested.error)?.message}</ErrorNotice>}
    </ConfirmDialog>
  );
}
