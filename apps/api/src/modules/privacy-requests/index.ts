import { CustomerPrivacyRequestsResolver } from "./customer-privacy-requests.resolver.js";
import { SubmitPrivacyRequestResolver } from "./submit-privacy-request.resolver.js";

/** The privacy-requests module's resolver classes (see schema/resolvers.ts). */
export const privacyRequestsResolvers = [
  SubmitPrivacyRequestResolver,
  CustomerPrivacyRequestsResolver,
] as const;
