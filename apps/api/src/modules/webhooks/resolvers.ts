/** The webhooks module's resolver classes (see schema/resolvers.ts). */
import { DeliverWebhooksNowResolver } from "./deliver-webhooks-now.resolver.js";
import { DisableWebhookEndpointResolver } from "./disable-webhook-endpoint.resolver.js";
import { RegisterWebhookEndpointResolver } from "./register-webhook-endpoint.resolver.js";
import { ReplayWebhookDeliveryResolver } from "./replay-webhook-delivery.resolver.js";
import { WebhookDeliveriesResolver } from "./webhook-deliveries.resolver.js";
import { WebhookEndpointsResolver } from "./webhook-endpoints.resolver.js";

export const webhooksResolvers = [
  RegisterWebhookEndpointResolver,
  WebhookEndpointsResolver,
  DisableWebhookEndpointResolver,
  WebhookDeliveriesResolver,
  ReplayWebhookDeliveryResolver,
  DeliverWebhooksNowResolver,
] as const;
