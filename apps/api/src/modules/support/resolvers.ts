import { SubmitSupportRequestResolver } from "./submit-support-request.resolver.js";
import { SupportRequestCustomerResolver } from "./support-request-customer.resolver.js";
import { SupportRequestsResolver } from "./support-requests.resolver.js";

/** The support module's resolver classes (see schema/resolvers.ts). */
export const supportResolvers = [
  SubmitSupportRequestResolver,
  SupportRequestsResolver,
  SupportRequestCustomerResolver,
] as const;
