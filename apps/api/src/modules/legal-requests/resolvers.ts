/** The legal-request module's resolver classes (P-11; see schema/resolvers.ts). */
import { CloseLegalRequestResolver } from "./close-legal-request.resolver.js";
import { LegalDisclosureResolver } from "./legal-disclosure.resolver.js";
import { LegalRequestsResolver } from "./legal-requests.resolver.js";
import { RecordLegalRequestResolver } from "./record-legal-request.resolver.js";
import { SearchLegalRequestsResolver } from "./search-legal-requests.resolver.js";

export const legalRequestsResolvers = [
  LegalRequestsResolver,
  RecordLegalRequestResolver,
  CloseLegalRequestResolver,
  LegalDisclosureResolver,
  SearchLegalRequestsResolver,
] as const;
