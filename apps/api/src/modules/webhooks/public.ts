/**
 * The webhooks module's surface: the one function other modules call to tell processors of a
 * change (in the change's own transaction), and the delivery job the server starts.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export { startWebhookDelivery } from "./webhook-delivery-job.js";
export { enqueueWebhookEvents, type WebhookEventInput } from "./webhook-events.js";
