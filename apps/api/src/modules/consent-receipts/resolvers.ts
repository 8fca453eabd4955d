import { CustomerConsentReceiptResolver } from "./customer-consent-receipt.resolver.js";
import { MyConsentReceiptResolver } from "./my-consent-receipt.resolver.js";

/** The consent-receipts module's resolver classes (see schema/resolvers.ts). */
export const consentReceiptsResolvers = [
  MyConsentReceiptResolver,
  CustomerConsentReceiptResolver,
] as const;
