/** Privet's partner API client: typed operations, a fetch client, webhook verification. */
export {
  createPartnerClient,
  type PartnerClient,
  type PartnerClientOptions,
  type PartnerResult,
  type RequestOptions,
} from "./client.js";
export { PartnerApiError, type PartnerErrorCode, type Redaction } from "./errors.js";
export * from "./generated/graphql.js";
export { isPartnerKey, PARTNER_KEY_PATTERN } from "./key-format.js";
export {
  type PartnerWebhookPayload,
  type PartnerWebhookType,
  signWebhook,
  type VerifiedWebhook,
  verifyWebhook,
  type WebhookHeaders,
  WebhookVerificationError,
} from "./webhooks.js";
