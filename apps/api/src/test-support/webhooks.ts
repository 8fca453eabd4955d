/**
 * What the webhook tests share (modules/webhooks/*.test.ts): the administrator's operations as
 * typed documents, an endpoint registered for a processor with a real receiver behind it, and
 * a movable clock to bring retries due without sleeping.
 */
import { expect } from "vitest";
import type { ApiClient } from "./api.js";
import { graphql } from "./generated/gql.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

export const REGISTER_ENDPOINT = graphql(`
  mutation RegisterWebhookEndpoint($processorId: ID!, $url: String!, $description: String!) {
    registerWebhookEndpoint(processorId: $processorId, url: $url, description: $description) {
      secret
      endpoint { id processorId url description createdAt disabledAt }
    }
  }
`);

export const ENDPOINTS = graphql(`
  query WebhookEndpointsOfProcessor($processorId: ID!) {
    webhookEndpoints(processorId: $processorId) { id url description disabledAt }
  }
`);

export const DISABLE_ENDPOINT = graphql(`
  mutation DisableWebhookEndpoint($id: ID!) {
    disableWebhookEndpoint(id: $id) { id disabledAt }
  }
`);

export const DELIVERIES = graphql(`
  query WebhookDeliveriesOfEndpoint($endpointId: ID!, $first: Int, $offset: Int) {
    webhookDeliveries(endpointId: $endpointId, first: $first, offset: $offset) {
      id messageId eventType status attempts nextAttemptAt lastError lastStatusCode
      lastAttemptAt createdAt deliveredAt
    }
  }
`);

export const REPLAY = graphql(`
  mutation ReplayWebhookDelivery($id: ID!) {
    replayWebhookDelivery(id: $id) { id messageId eventType status attempts }
  }
`);

export const DELIVER_NOW = graphql(`
  mutation DeliverWebhooksNow {
    deliverWebhooksNow { queued attempted delivered retrying failed }
  }
`);

/** A clock the server reads for every request; tests move it forward to bring retries due. */
export function movableClock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface Endpoint {
  readonly id: string;
  readonly secret: string;
  readonly receiver: WebhookReceiver;
}

/** A receiver, and an endpoint registered for it by the administrator; the secret trusted. */
export async function endpointFor(admin: ApiClient, processorId: string): Promise<Endpoint> {
  const receiver = await startWebhookReceiver();
  const result = await admin.gql(REGISTER_ENDPOINT, {
    processorId,
    url: receiver.url,
    description: "Test receiver",
  });
  expect(result.errors).toEqual([]);
  const registered = result.data?.registerWebhookEndpoint;
  if (!registered) throw new Error("no endpoint registered");
  receiver.trust(registered.secret);
  return { id: registered.endpoint.id, secret: registered.secret, receiver };
}

/** Runs the outbox now (as the background job would) and returns its report. */
export async function deliverNow(admin: ApiClient) {
  const result = await admin.gql(DELIVER_NOW);
  expect(result.errors).toEqual([]);
  const report = result.data?.deliverWebhooksNow;
  if (!report) throw new Error("no webhook run");
  return report;
}

export async function deliveriesOf(admin: ApiClient, endpointId: string) {
  const result = await admin.gql(DELIVERIES, { endpointId, first: 100 });
  expect(result.errors).toEqual([]);
  return result.data?.webhookDeliveries ?? [];
}
