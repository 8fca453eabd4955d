import { CustomerPrivacyRequestsResolver } from "./customer-privacy-requests.resolver.js";
import { ErasurePreviewResolver } from "./erasure-preview.resolver.js";
import { ExtendPrivacyRequestResolver } from "./extend-privacy-request.resolver.js";
import { FulfilPrivacyRequestResolver } from "./fulfil-privacy-request.resolver.js";
import { PrivacyRequestQueueResolver } from "./privacy-request-queue.resolver.js";
import { RejectPrivacyRequestResolver } from "./reject-privacy-request.resolver.js";
import { StartPrivacyRequestResolver } from "./start-privacy-request.resolver.js";
import { SubmitPrivacyRequestResolver } from "./submit-privacy-request.resolver.js";
import { VerifyPrivacyRequestResolver } from "./verify-privacy-request.resolver.js";

/** The privacy-requests module's resolver classes (see schema/resolvers.ts). */
export const privacyRequestsResolvers = [
  SubmitPrivacyRequestResolver,
  CustomerPrivacyRequestsResolver,
  PrivacyRequestQueueResolver,
  VerifyPrivacyRequestResolver,
  StartPrivacyRequestResolver,
  ExtendPrivacyRequestResolver,
  ErasurePreviewResolver,
  FulfilPrivacyRequestResolver,
  RejectPrivacyRequestResolver,
] as const;
