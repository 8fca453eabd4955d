import { AssignSupportRequestResolver } from "./assign-support-request.resolver.js";
import { CloseSupportRequestResolver } from "./close-support-request.resolver.js";
import { ContactAddressResolver } from "./contact-address.resolver.js";
import { MySupportRequestsResolver } from "./my-support-requests.resolver.js";
import { ReplyToSupportRequestResolver } from "./reply-to-support-request.resolver.js";
import { SubmitSupportRequestResolver } from "./submit-support-request.resolver.js";
import { SupportAssigneesResolver } from "./support-assignees.resolver.js";
import { SupportRequestCustomerResolver } from "./support-request-customer.resolver.js";
import { SupportRequestsResolver } from "./support-requests.resolver.js";
import { SupportReplyAuthorResolver, SupportThreadResolver } from "./support-thread.resolver.js";

/** The support module's resolver classes (see schema/resolvers.ts). */
export const supportResolvers = [
  SubmitSupportRequestResolver,
  SupportRequestsResolver,
  SupportRequestCustomerResolver,
  SupportThreadResolver,
  SupportReplyAuthorResolver,
  MySupportRequestsResolver,
  SupportAssigneesResolver,
  ReplyToSupportRequestResolver,
  AssignSupportRequestResolver,
  CloseSupportRequestResolver,
  ContactAddressResolver,
] as const;
