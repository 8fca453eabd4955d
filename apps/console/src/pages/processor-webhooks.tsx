/**
 * A processor's webhooks, on its card in the registry: its endpoints (URL, description, when
 * added, disabled or not), each one's deliveries on demand, and adding or disabling one
 * through a dialog. Loaded only when opened, so the registry stays one request.
 */
import { DisableWebhookEndpointDocument, WebhookEndpointsDocument } from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { formatDate } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useState } from "react";
import { useQuery } from "urql";
import { useActionMutation } from "../action-mutation.js";
import { useMayRun } from "../purpose.js";
import { WebhookDeliveries } from "./webhook-deliveries.js";
import {
  AddEndpointDialog,
  DisableEndpointDialog,
  type WebhookProcessor,
} from "./webhook-endpoint-dialogs.js";

export function ProcessorWebhooks({ processor }: { readonly processor: WebhookProcessor }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Webhooks</summary>
      {open && <Endpoints processor={processor} />}
    </details>
  );
}

interface Endpoint {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

function Endpoints({ processor }: { readonly processor: WebhookProcessor }) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: WebhookEndpointsDocument,
    variables: { processorId: processor.id },
  });
  const [disabled, disable] = useActionMutation(DisableWebhookEndpointDocument);
  const [adding, setAdding] = useState(false);
  const [disabling, setDisabling] = useState<Endpoint | null>(null);
  const [showing, setShowing] = useState<string | null>(null);
  // A privacy officer sees the endpoints and their deliveries; only an administrator sets
  // them up, disables them or replays (the API refuses the others anyway).
  const mayRegister = useMayRun("registerWebhookEndpoint");
  const mayDisable = useMayRun("disableWebhookEndpoint");
  if (fetching && !data) return <Loading what={`${processor.name}'s webhook endpoints`} />;
  if (!data) {
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "Could not load the endpoints."}</ErrorNotice>
    );
  }
  const reload = () => refetch({ requestPolicy: "network-only" });
  return (
    <section aria-label={`${processor.name}'s webhooks`}>
      {adding && (
        <AddEndpointDialog processor={processor} onAdded={reload} onDone={() => setAdding(false)} />
      )}
      {disabling && (
        <DisableEndpointDialog
          processor={processor}
          endpoint={disabling}
          busy={disabled.fetching}
          error={formErrorOf(disabled.error)?.message ?? null}
          onConfirm={async () => {
            const result = await disable({ id: disabling.id });
            if (result.error) return;
            setDisabling(null);
            reload();
          }}
          onCancel={() => setDisabling(null)}
        />
      )}
      {data.webhookEndpoints.length === 0 ? (
        <Empty>No endpoints: {processor.name} is not told of changes.</Empty>
      ) : (
        <ul>
          {data.webhookEndpoints.map((e) => (
            <li key={e.id} data-endpoint={e.url}>
              <code>{e.url}</code>
              {e.description && ` — ${e.description}`}; added {formatDate(e.createdAt)}
              {e.disabledAt ? `, disabled ${formatDate(e.disabledAt)}` : ""}{" "}
              <button
                type="button"
                className="link-button"
                aria-expanded={showing === e.id}
                aria-label={`Deliveries to ${e.url}`}
                onClick={() => setShowing(showing === e.id ? null : e.id)}
              >
                {showing === e.id ? "Hide deliveries" : "Deliveries"}
              </button>
              {mayDisable && !e.disabledAt && (
                <>
                  {" · "}
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Disable ${e.url}`}
                    onClick={() => setDisabling(e)}
                  >
                    Disable
                  </button>
                </>
              )}
              {showing === e.id && (
                <WebhookDeliveries
                  processor={processor}
                  endpoint={{ id: e.id, url: e.url, disabled: e.disabledAt !== null }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {mayRegister && (
        <button type="button" className="secondary" onClick={() => setAdding(true)}>
          Add an endpoint
        </button>
      )}
    </section>
  );
}
