/**
 * One endpoint's deliveries, newest first, a page at a time: what was sent (the event in
 * words), how it went (status, attempts, the last failure in words), when; a delivered or
 * failed one may be sent again, confirmed in a dialog.
 */
import { ReplayWebhookDeliveryDocument, WebhookDeliveriesDocument } from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { formatDateTime } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useState } from "react";
import { useQuery } from "urql";
import { useActionMutation } from "../action-mutation.js";
import { useMayRun } from "../purpose.js";
import { ReplayDeliveryDialog, type WebhookProcessor } from "./webhook-endpoint-dialogs.js";
import { deliveryStatusInWords, eventInWords } from "./webhook-words.js";

export const DELIVERIES_PAGE = 20;

interface Delivery {
  readonly id: string;
  readonly eventType: string;
  readonly status: string;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly lastAttemptAt: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

export function WebhookDeliveries({
  processor,
  endpoint,
}: {
  readonly processor: WebhookProcessor;
  readonly endpoint: { readonly id: string; readonly url: string; readonly disabled: boolean };
}) {
  const [offset, setOffset] = useState(0);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: WebhookDeliveriesDocument,
    variables: { endpointId: endpoint.id, first: DELIVERIES_PAGE, offset },
  });
  const [replayed, replay] = useActionMutation(ReplayWebhookDeliveryDocument);
  const [replaying, setReplaying] = useState<Delivery | null>(null);
  const mayReplay = useMayRun("replayWebhookDelivery");
  if (fetching && !data) return <Loading what="the deliveries" />;
  if (!data) {
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "Could not load the deliveries."}</ErrorNotice>
    );
  }
  const deliveries = data.webhookDeliveries;
  return (
    <section aria-label={`Deliveries to ${endpoint.url}`}>
      {replaying && (
        <ReplayDeliveryDialog
          processor={processor}
          delivery={replaying}
          busy={replayed.fetching}
          error={formErrorOf(replayed.error)?.message ?? null}
          onConfirm={async () => {
            const result = await replay({ id: replaying.id });
            if (result.error) return;
            setReplaying(null);
            setOffset(0);
            refetch({ requestPolicy: "network-only" });
          }}
          onCancel={() => setReplaying(null)}
        />
      )}
      {deliveries.length === 0 ? (
        <Empty>
          {offset === 0 ? "Nothing sent to this endpoint yet." : "No older deliveries."}
        </Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last problem</th>
              <th scope="col">Queued</th>
              <th scope="col">Delivered or next try</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} data-delivery={d.id}>
                <td>{eventInWords(d.eventType)}</td>
                <td>{deliveryStatusInWords(d.status, d.attempts)}</td>
                <td>{d.attempts}</td>
                <td>{d.lastError ?? "—"}</td>
                <td>{formatDateTime(d.createdAt)}</td>
                <td>
                  {d.deliveredAt
                    ? formatDateTime(d.deliveredAt)
                    : d.status === "PENDING"
                      ? `next try ${formatDateTime(d.nextAttemptAt)}`
                      : "—"}
                </td>
                <td>
                  {mayReplay && d.status !== "PENDING" && !endpoint.disabled && (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Replay ${eventInWords(d.eventType)} of ${formatDateTime(d.createdAt)}`}
                      onClick={() => setReplaying(d)}
                    >
                      Replay
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {offset > 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() => setOffset(Math.max(0, offset - DELIVERIES_PAGE))}
          >
            Newer
          </button>
        )}{" "}
        {deliveries.length === DELIVERIES_PAGE && (
          <button
            type="button"
            className="secondary"
            onClick={() => setOffset(offset + DELIVERIES_PAGE)}
          >
            Older
          </button>
        )}
      </p>
    </section>
  );
}
