/**
 * The email module's surface: the outbox delivery the server starts.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export { startEmailDelivery } from "./email-delivery.js";
