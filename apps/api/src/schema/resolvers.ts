/**
 * Every module's resolvers. A module is a folder under src/modules with an index.ts that
 * exports its resolver classes.
 */
import type { NonEmptyArray } from "type-graphql";
import { accountResolvers } from "../modules/accounts/index.js";
import { auditResolvers } from "../modules/audit/index.js";
import { breachesResolvers } from "../modules/breaches/index.js";
import { consentResolvers } from "../modules/consent/index.js";
import { dataExportResolvers } from "../modules/data-export/index.js";
import { dataMapResolvers } from "../modules/data-map/index.js";
import { emailResolvers } from "../modules/email/index.js";
import { legalRequestsResolvers } from "../modules/legal-requests/index.js";
import { marketingResolvers } from "../modules/marketing/index.js";
import { newsletterResolvers } from "../modules/newsletter/index.js";
import { overviewResolvers } from "../modules/overview/index.js";
import { partnersResolvers } from "../modules/partners/index.js";
import { paymentsResolvers } from "../modules/payments/index.js";
import { policyResolvers } from "../modules/policy/index.js";
import { privacyRequestsResolvers } from "../modules/privacy-requests/index.js";
import { processorsResolvers } from "../modules/processors/index.js";
import { staffResolvers } from "../modules/staff/index.js";
import { staffActionsResolvers } from "../modules/staff-actions/index.js";
import { supportResolvers } from "../modules/support/index.js";

export const resolvers = [
  ...accountResolvers,
  ...consentResolvers,
  ...policyResolvers,
  ...paymentsResolvers,
  ...newsletterResolvers,
  ...supportResolvers,
  ...partnersResolvers,
  ...staffResolvers,
  ...dataMapResolvers,
  ...privacyRequestsResolvers,
  ...dataExportResolvers,
  ...breachesResolvers,
  ...emailResolvers,
  ...marketingResolvers,
  ...processorsResolvers,
  ...overviewResolvers,
  ...legalRequestsResolvers,
  ...auditResolvers,
  ...staffActionsResolvers,
] as unknown as NonEmptyArray<
  // biome-ignore lint/complexity/noBannedTypes: TypeGraphQL takes resolver classes.
  Function
>;
