/**
 * Every module's resolvers. A module is a folder under src/modules with a resolvers.ts that
 * exports its resolver classes.
 */
import type { NonEmptyArray } from "type-graphql";
import { accountResolvers } from "../modules/accounts/resolvers.js";
import { auditResolvers } from "../modules/audit/resolvers.js";
import { breachesResolvers } from "../modules/breaches/resolvers.js";
import { consentResolvers } from "../modules/consent/resolvers.js";
import { consentReceiptsResolvers } from "../modules/consent-receipts/resolvers.js";
import { dataExportResolvers } from "../modules/data-export/resolvers.js";
import { dataMapResolvers } from "../modules/data-map/resolvers.js";
import { emailResolvers } from "../modules/email/resolvers.js";
import { legalRequestsResolvers } from "../modules/legal-requests/resolvers.js";
import { marketingResolvers } from "../modules/marketing/resolvers.js";
import { newsletterResolvers } from "../modules/newsletter/resolvers.js";
import { overviewResolvers } from "../modules/overview/resolvers.js";
import { partnersResolvers } from "../modules/partners/resolvers.js";
import { paymentsResolvers } from "../modules/payments/resolvers.js";
import { policyResolvers } from "../modules/policy/resolvers.js";
import { privacyRequestsResolvers } from "../modules/privacy-requests/resolvers.js";
import { processorsResolvers } from "../modules/processors/resolvers.js";
import { staffResolvers } from "../modules/staff/resolvers.js";
import { staffAccountsResolvers } from "../modules/staff-accounts/resolvers.js";
import { staffActionsResolvers } from "../modules/staff-actions/resolvers.js";
import { supportResolvers } from "../modules/support/resolvers.js";
import { webhooksResolvers } from "../modules/webhooks/resolvers.js";

export const resolvers = [
  ...accountResolvers,
  ...consentResolvers,
  ...consentReceiptsResolvers,
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
  ...staffAccountsResolvers,
  ...webhooksResolvers,
] as unknown as NonEmptyArray<
  // biome-ignore lint/complexity/noBannedTypes: TypeGraphQL takes resolver classes.
  Function
>;
