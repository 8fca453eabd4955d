/**
 * Marketing (P-08): campaigns reach only customers whose marketing consent is given; every email
 * carries a one-click unsubscribe. The outbox shows what was sent, or is waiting without SMTP;
 * what the declared purpose may not read in it is shown redacted, with the reason.
 */
import {
  CampaignPreviewDocument,
  CampaignsDocument,
  DeliverOutboxDocument,
  OutboxDocument,
  SendCampaignDocument,
} from "@privet/client";
import { humanize } from "@privet/domain/labels";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDateTime } from "@privet/ui/format";
import { Empty, ErrorNotice, Notice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useClient, useQuery } from "urql";
import { useActionMutation } from "../action-mutation.js";
import { usePurpose } from "../purpose.js";
import { failuresOf, redactionsOf, Value, WithheldNotice } from "../redactions.js";
import {
  CampaignConfirm,
  type CampaignDraft,
  type CampaignPreviewData,
} from "./campaign-confirm.js";

export function MarketingPage() {
  const { purpose, ref } = usePurpose();
  const [{ data: campaigns, error: campaignsError }, refetchCampaigns] = useQuery({
    query: CampaignsDocument,
  });
  const [{ data: outbox, error: outboxError }, refetchOutbox] = useQuery({
    query: OutboxDocument,
    variables: { purpose, ref: ref || null },
  });
  const client = useClient();
  const [sent, sendCampaign] = useActionMutation(SendCampaignDocument);
  const [delivered, deliver] = useActionMutation(DeliverOutboxDocument);
  // Nothing is sent from the form: it opens the preview, whose button sends.
  const [previewing, setPreviewing] = useState<{
    campaign: CampaignDraft;
    preview: CampaignPreviewData;
  } | null>(null);
  const [previewError, setPreviewError] = useState<ReturnType<typeof formErrorOf>>(null);
  const [checking, setChecking] = useState(false);
  const error = previewError ?? formErrorOf(sent.error);
  const redactions = redactionsOf(OutboxDocument, outboxError);
  // A campaign email's subject is the campaign's, the same for every recipient and not
  // personal: shown from the campaign even where the purpose may not read an email's subject.
  const campaignSubjects = new Map(campaigns?.campaigns.map((c) => [c.id, c.subject]));
  const reload = () => {
    refetchCampaigns({ requestPolicy: "network-only" });
    refetchOutbox({ requestPolicy: "network-only" });
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const campaign = { name: text("name") || null, subject: text("subject"), text: text("text") };
    setChecking(true);
    const result = await client
      .query(CampaignPreviewDocument, { input: campaign }, { requestPolicy: "network-only" })
      .toPromise();
    setChecking(false);
    setPreviewError(formErrorOf(result.error));
    if (result.data) setPreviewing({ campaign, preview: result.data.campaignPreview });
  };
  const send = async () => {
    if (!previewing) return;
    const result = await sendCampaign({ input: previewing.campaign });
    if (result.error) return;
    setPreviewing(null);
    reload();
  };
  return (
    <>
      <h1>Marketing</h1>
      <form onSubmit={submit} noValidate>
        <h2>Send a campaign</h2>
        <Field label="Name (internal)" name="name" />
        <Field label="Subject" name="subject" required error={messageFor(error, "subject")} />
        <div className="field">
          <label htmlFor="text">Text</label>
          <textarea id="text" name="text" rows={6} required />
        </div>
        {error && error.field !== "subject" && !previewing && (
          <ErrorNotice>{error.message}</ErrorNotice>
        )}
        {sent.data && (
          <Notice>
            <p>{sent.data.sendCampaign.emailsQueued} emails queued.</p>
          </Notice>
        )}
        <button type="submit" disabled={sent.fetching || checking}>
          Preview and send
        </button>
      </form>
      {previewing && (
        <CampaignConfirm
          campaign={previewing.campaign}
          preview={previewing.preview}
          busy={sent.fetching}
          error={formErrorOf(sent.error)?.message ?? null}
          onConfirm={send}
          onCancel={() => setPreviewing(null)}
        />
      )}
      <h2>Campaigns</h2>
      {failuresOf(campaignsError).map((m) => (
        <ErrorNotice key={m}>{m}</ErrorNotice>
      ))}
      {campaignsError ? null : !campaigns || campaigns.campaigns.length === 0 ? (
        <Empty>No campaigns yet.</Empty>
      ) : (
        <ul>
          {campaigns.campaigns.map((c) => (
            <li key={c.id}>
              {c.subject} — {c.recipients} recipients — {formatDateTime(c.createdAt)}
            </li>
          ))}
        </ul>
      )}
      <h2>Outbox</h2>
      <button
        type="button"
        className="secondary"
        disabled={delivered.fetching}
        onClick={async () => {
          await deliver({});
          reload();
        }}
      >
        Deliver now
      </button>
      {delivered.data && (
        <p className="status">
          {delivered.data.deliverOutbox.configured
            ? `${delivered.data.deliverOutbox.sent} sent, ${delivered.data.deliverOutbox.failed} failed.`
            : "No SMTP_URL is set: mail stays in the outbox."}
        </p>
      )}
      {failuresOf(outboxError).map((m) => (
        <ErrorNotice key={m}>{m}</ErrorNotice>
      ))}
      <WithheldNotice redactions={redactions} />
      {!outbox ? null : outbox.outboxEmails.length === 0 ? (
        <Empty>The outbox is empty.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Queued</th>
                <th scope="col">Kind</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {outbox.outboxEmails.map((m, i) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{humanize(m.kind)}</td>
                  <td>
                    <Value
                      value={m.toAddress}
                      at={["outboxEmails", i, "toAddress"]}
                      redactions={redactions}
                    />
                  </td>
                  <td>
                    {m.campaignId && campaignSubjects.has(m.campaignId) ? (
                      campaignSubjects.get(m.campaignId)
                    ) : (
                      <Value
                        value={m.subject}
                        at={["outboxEmails", i, "subject"]}
                        redactions={redactions}
                      />
                    )}
                  </td>
                  <td>
                    {humanize(m.status)}
                    {m.attempts > 0 && ` (${m.attempts} attempt${m.attempts === 1 ? "" : "s"})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
